package io.fleet.cloud.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test access to a certificate folder made by the real {@code certs/dev-ca.sh} and {@code certs/new-thing.sh}, so
 * the tests also prove the scripts produce what Java, HiveMQ, Mosquitto and the AWS CRT accept.
 */
public final class DevCertificates {

    private final Path dir;

    private DevCertificates(Path dir) {
        this.dir = dir;
    }

    /** Runs {@code dev-ca.sh --dir dir}: CA, broker and service certificates. */
    public static DevCertificates create(Path dir) throws IOException {
        run(List.of(script("dev-ca.sh").toString(), "--dir", dir.toString()));
        return new DevCertificates(dir);
    }

    /** A folder made earlier by {@link #create}, used as it is. */
    public static DevCertificates open(Path dir) {
        return new DevCertificates(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    public CertificateAndKey broker() {
        return CertificateAndKey.inFolder(dir.resolve("broker"));
    }

    public CertificateAndKey service() {
        return CertificateAndKey.inFolder(dir.resolve("service"));
    }

    /** The certificate of {@code thing}, made by {@code new-thing.sh} on first use (also for extra service CNs). */
    public synchronized CertificateAndKey thing(String thing) throws IOException {
        Path folder = dir.resolve("things").resolve(thing);
        if (!Files.exists(folder.resolve("certificate.pem"))) {
            run(List.of(script("new-thing.sh").toString(), "--dir", dir.toString(), thing));
        }
        return CertificateAndKey.inFolder(folder);
    }

    /** The repository's {@code certs/<name>}, found from the working directory (the module dir under Maven). */
    public static Path script(String name) {
        Path candidate = Path.of("").toAbsolutePath();
        while (candidate != null) {
            Path script = candidate.resolve("certs").resolve(name);
            if (Files.isExecutable(script)) {
                return script;
            }
            candidate = candidate.getParent();
        }
        throw new IllegalStateException("certs/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    /** Runs a command, returning its output; fails with the output when the exit status is not 0. */
    public static String run(List<String> command) throws IOException {
        ScriptResult result = runAllowingFailure(command);
        if (result.exitCode() != 0) {
            throw new IOException(command + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    public static ScriptResult runAllowingFailure(List<String> command) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not finish within 60 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new ScriptResult(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        }
    }

    public record ScriptResult(int exitCode, String output) {
    }
}
