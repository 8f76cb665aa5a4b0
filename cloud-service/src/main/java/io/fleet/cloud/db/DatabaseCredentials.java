package io.fleet.cloud.db;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The embedded PostgreSQL's generated passwords: one for the {@code postgres} superuser (used only at start to set up
 * the service's role) and one for the service's own non-superuser role. Kept in one file of the data dir, readable
 * by its owner only (mode 600), never logged.
 *
 * @param superuserPassword the {@code postgres} role's password
 * @param servicePassword   the password of {@link #SERVICE_ROLE}
 */
record DatabaseCredentials(String superuserPassword, String servicePassword) {

    static final String SUPERUSER = "postgres";
    static final String SERVICE_ROLE = "fleet";
    static final String FILE_NAME = "postgres.credentials";

    private static final SecureRandom RANDOM = new SecureRandom();

    DatabaseCredentials {
        requireGenerated(superuserPassword, "superuser.password");
        requireGenerated(servicePassword, "service.password");
    }

    /** The credentials in {@code file}, or new random ones written there (mode 600) when it does not exist. */
    static DatabaseCredentials loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        DatabaseCredentials created = new DatabaseCredentials(randomPassword(), randomPassword());
        Properties p = new Properties();
        p.setProperty("superuser.password", created.superuserPassword);
        p.setProperty("service.password", created.servicePassword);
        writeOwnerOnly(file, w -> p.store(w, "generated passwords of the embedded PostgreSQL; keep this file secret"));
        return created;
    }

    static DatabaseCredentials load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return new DatabaseCredentials(p.getProperty("superuser.password"), p.getProperty("service.password"));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the superuser password alone into {@code file} (mode 600), as {@code initdb --pwfile} reads it. */
    void writeSuperuserPasswordFile(Path file) throws IOException {
        writeOwnerOnly(file, w -> w.write(superuserPassword + "\n"));
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        // URL-safe Base64: letters, digits, '-' and '_' only, so it is safe inside an SQL string literal
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private interface Content {
        void writeTo(Writer w) throws IOException;
    }

    private static void writeOwnerOnly(Path file, Content content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            content.writeTo(w);
        }
    }

    @Override
    public String toString() {
        return "DatabaseCredentials[hidden]";
    }

    private static void requireGenerated(String value, String key) {
        if (value == null || !value.matches("[A-Za-z0-9_-]{16,}")) {
            throw new IllegalArgumentException(key + " is missing or not a generated password "
                    + "(16 or more letters, digits, '-' or '_')");
        }
    }
}
