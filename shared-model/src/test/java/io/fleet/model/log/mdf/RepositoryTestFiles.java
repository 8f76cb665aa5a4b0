package io.fleet.model.log.mdf;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code testdata/} folder by walking up from the working directory (module or root). */
final class RepositoryTestFiles {

    private RepositoryTestFiles() {
    }

    static Path testdata(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("testdata/" + relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
