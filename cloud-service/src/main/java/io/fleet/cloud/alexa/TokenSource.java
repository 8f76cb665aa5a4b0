package io.fleet.cloud.alexa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where {@code fleet alexa --user <name>} finds the user's app API token: {@code <dataDir>/users/<name>.token}, the
 * plain token that {@code ./fleet user add} and {@code ./fleet demo} write when they create a user (the user store
 * itself keeps only hashes).
 */
final class TokenSource {

    private TokenSource() {
    }

    static Path tokenFile(Path dataDir, String user) {
        if (!user.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("not a user name: " + user);
        }
        return dataDir.resolve("users").resolve(user + ".token");
    }

    static String read(Path dataDir, String user) throws IOException {
        Path file = tokenFile(dataDir, user);
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) {
                throw new IOException(file + " is empty");
            }
            return token;
        } catch (NoSuchFileException e) {
            throw new IOException("no token for user " + user + ": " + file + " does not exist (create the user with "
                    + "./fleet user add " + user + " --vehicle <id>, or pass --token)", e);
        }
    }
}
