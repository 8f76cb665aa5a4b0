package io.fleet.rig.cli;

import io.fleet.rig.failure.IoFailure;
import io.fleet.rig.replay.RecordSource;
import io.fleet.rig.source.ContentAddressedCache;
import io.fleet.rig.source.FileRecordSource;
import io.fleet.rig.source.LogOpener;
import io.fleet.rig.source.S3Clients;
import io.fleet.rig.source.S3Failures;
import io.fleet.rig.source.S3Location;
import io.fleet.rig.source.S3RecordSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** How to read a drive log (a file or an {@code s3://} URL); shared by the commands that read drive logs. */
final class InputOptions {

    @Option(names = "--s3-endpoint", description = "S3-compatible endpoint (e.g. http://127.0.0.1:9000 for the "
            + "platform's S3Proxy); default Amazon S3", defaultValue = "${env:FLEET_S3_ENDPOINT}")
    URI endpoint;

    @Option(names = "--s3-region", description = "region; default from the AWS default chain",
            defaultValue = "${env:AWS_REGION}")
    String region;

    @Option(names = "--s3-access-key", description = "access key; default the AWS default credentials chain",
            defaultValue = "${env:FLEET_S3_ACCESS_KEY}")
    String accessKey;

    @Option(names = "--s3-secret-key", description = "secret key (prefer the environment variable)",
            defaultValue = "${env:FLEET_S3_SECRET_KEY}")
    String secretKey;

    @Option(names = "--cache-dir", description = "local content-addressed cache for S3 inputs",
            defaultValue = "${user.home}/.cache/fleet-rig")
    Path cacheDir;

    @Option(names = "--cache-size-gb", description = "cache bound in GB (LRU eviction), default ${DEFAULT-VALUE}",
            defaultValue = "50")
    double cacheSizeGb;

    @Option(names = "--stream", description = "stream S3 inputs by read-ahead ranged GETs instead of caching "
            + "(candump and ASC; binary formats always go through the cache)")
    boolean stream;

    @Option(names = "--lenient", description = "skip and count malformed records instead of stopping at the first")
    boolean lenient;

    private ExecutorService fetcher;

    RecordSource source(String input) throws IOException {
        if (!S3Location.isS3(input)) {
            return new FileRecordSource(Path.of(input), LogOpener.builtIn(lenient));
        }
        S3Location location = S3Location.parse(input);
        S3Client s3;
        try {
            s3 = S3Clients.create(endpoint, region, accessKey, secretKey);
        } catch (SdkException e) {
            throw S3Failures.clientSetup(input, e);
        }
        LogOpener opener = LogOpener.builtIn(lenient);
        boolean streaming = stream && opener.canStream(location.fileName()); // binary formats need a file
        ContentAddressedCache cache = null;
        if (!streaming) {
            try {
                cache = new ContentAddressedCache(cacheDir, (long) (cacheSizeGb * 1e9), Clock.systemUTC());
            } catch (IOException e) {
                throw IoFailure.writing(cacheDir, e);
            }
        }
        fetcher = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "s3-range-fetch");
            thread.setDaemon(true);
            return thread;
        });
        return new S3RecordSource(s3, location, cache, opener, fetcher);
    }
}
