package io.fleet.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the repository's {@code testdata/} folder (real files written by other tools) from any module's working
 * directory, by walking up until a folder holding {@code testdata/README.md} is found. Shared with the other
 * modules' tests through shared-model's test-jar.
 */
public final class TestData {

    private static final Path ROOT = findRoot();

    private TestData() {
    }

    /** The {@code testdata/} folder. */
    public static Path root() {
        return ROOT;
    }

    /** A file below {@code testdata/}, e.g. {@code path("can/python-can/test_CanMessage.asc")}. */
    public static Path path(String relative) {
        Path file = ROOT.resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException("test data file missing: " + file);
        }
        return file;
    }

    /** A file of python-can's test data, {@code testdata/can/python-can/<name>}. */
    public static Path pythonCan(String name) {
        return path("can/python-can/" + name);
    }

    /** A CANedge file of CSS Electronics, {@code testdata/can/css-electronics/<name>}. */
    public static Path cssElectronics(String name) {
        return path("can/css-electronics/" + name);
    }

    private static Path findRoot() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata");
            if (Files.isRegularFile(candidate.resolve("README.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no testdata/README.md above " + Paths.get("").toAbsolutePath());
    }
}
