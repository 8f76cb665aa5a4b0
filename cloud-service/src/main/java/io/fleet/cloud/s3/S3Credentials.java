package io.fleet.cloud.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The access key pair of the embedded S3 store, kept as an AWS shared-credentials file (profile {@code default}) so
 * that the AWS CLI and SDKs use it as it is: {@code AWS_SHARED_CREDENTIALS_FILE=data/s3/credentials aws s3 ls
 * --endpoint-url http://127.0.0.1:9000}.
 */
public record S3Credentials(String accessKeyId, String secretAccessKey) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public S3Credentials {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("S3 credentials need an access key id and a secret access key");
        }
    }

    /** Reads the file, or on first start generates a key pair and writes it (mode 600). */
    public static S3Credentials loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        S3Credentials generated = new S3Credentials("FLEET" + random(8).toUpperCase(Locale.ROOT),
                random(20));
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        // created private, so the secret is never readable by others, not even for a moment
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, "[default]\naws_access_key_id = " + generated.accessKeyId()
                + "\naws_secret_access_key = " + generated.secretAccessKey() + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        return generated;
    }

    /** The {@code default} profile of an AWS shared-credentials file. */
    public static S3Credentials read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String profile = null;
        String key = null;
        String secret = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                profile = line.substring(1, line.length() - 1).strip();
            } else if ("default".equals(profile) && line.contains("=")) {
                String name = line.substring(0, line.indexOf('=')).strip();
                String value = line.substring(line.indexOf('=') + 1).strip();
                if (name.equals("aws_access_key_id")) {
                    key = value;
                } else if (name.equals("aws_secret_access_key")) {
                    secret = value;
                }
            }
        }
        if (key == null || secret == null) {
            throw new IOException(file + ": no aws_access_key_id and aws_secret_access_key in profile [default]");
        }
        return new S3Credentials(key, secret);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    @Override
    public String toString() {
        return "S3Credentials[" + accessKeyId + ", secret hidden]";
    }
}
