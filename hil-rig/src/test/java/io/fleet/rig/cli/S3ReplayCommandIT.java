package io.fleet.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.rig.source.S3ProxyExtension;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code replay} and {@code info} with an s3:// input, against S3Proxy, cached and streamed. */
@ExtendWith(S3ProxyExtension.class)
class S3ReplayCommandIT {

    @TempDir
    Path dir;

    @Test
    void replaysAnS3LogThroughTheCacheAndStreamed(S3Client s3, URI endpoint) throws Exception {
        s3.createBucket(b -> b.bucket("cli-logs"));
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            log.append(String.format("(1700000000.%06d) can0 123#%02X%n", i * 1000, i));
        }
        s3.putObject(b -> b.bucket("cli-logs").key("raw/VIN9/drive.log"), RequestBody.fromString(log.toString()));
        String[] s3Options = {"--s3-endpoint", endpoint.toString(), "--s3-region", "us-east-1",
                "--s3-access-key", S3ProxyExtension.ACCESS_KEY, "--s3-secret-key", S3ProxyExtension.SECRET_KEY,
                "--cache-dir", dir.resolve("cache").toString()};

        CliRun cached = CliRun.of(concat(new String[] {"replay", "s3://cli-logs/raw/VIN9/drive.log", "--out",
                "loopback://a", "--no-progress", "--report", dir.resolve("kpi.json").toString()}, s3Options));
        CliRun streamed = CliRun.of(concat(new String[] {"replay", "s3://cli-logs/raw/VIN9/drive.log", "--out",
                "loopback://a", "--no-progress", "--stream", "--report", dir.resolve("streamed.json").toString()},
                s3Options));
        CliRun info = CliRun.of(concat(new String[] {"info", "s3://cli-logs/raw/VIN9/drive.log"}, s3Options));

        assertThat(cached.exitCode()).as(cached.err()).isZero();
        assertThat(cached.out()).contains("s3://cli-logs/raw/VIN9/drive.log: 50 read, 50 sent, 0 dropped");
        assertThat(Files.readString(dir.resolve("kpi.json"))).containsPattern("\"sourceSha256\" : \"[0-9a-f]{64}\"");
        assertThat(streamed.out()).contains("50 sent, 0 dropped");
        String cachedHash = Files.readString(dir.resolve("kpi.json"))
                .replaceAll("(?s).*\"sourceSha256\" : \"([0-9a-f]{64})\".*", "$1");
        assertThat(Files.readString(dir.resolve("streamed.json"))).as("the streamed replay hashes the same bytes")
                .contains("\"sourceSha256\" : \"" + cachedHash + "\"")
                .contains("\"sourceBytes\" : " + log.length());
        assertThat(info.out()).contains("50 records, 0.049 s");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
