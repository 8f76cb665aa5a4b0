package io.fleet.cloud.users;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A local user's copy of their own token, {@code <dataDir>/users/<name>.token}, readable only by the owner (like
 * {@code ~/.aws/credentials}): how {@code ./fleet user add}, {@code ./fleet alexa --user} and the demo hand tokens
 * to the person at this machine. The database keeps only the hash.
 */
public final class TokenFiles {

    private final Path dir;

    public TokenFiles(Path dataDir) {
        this.dir = dataDir.resolve("users");
    }

    public Path file(String user) {
        return dir.resolve(user + ".token");
    }

    public void write(String user, String token) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, user, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file(user), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public Optional<String> read(String user) throws IOException {
        Path f = file(user);
        return Files.exists(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8).trim()) : Optional.empty();
    }
}
