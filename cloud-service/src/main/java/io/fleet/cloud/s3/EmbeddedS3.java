package io.fleet.cloud.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible endpoint in this JVM: S3Proxy with its filesystem back-end under {@code <dataDir>/s3/blobs}
 * (listing only completed uploads, see {@link CommittedObjectsOnly}), path-style addressing, AWS Signature V2/V4 with
 * the key pair in {@code <dataDir>/s3/credentials}. Objects survive restarts; the AWS CLI and SDKs reach it with
 * {@code --endpoint-url}.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Credentials credentials;
    private final Path credentialsFile;

    private EmbeddedS3(S3Proxy proxy, URI endpoint, S3Credentials credentials, Path credentialsFile) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.credentialsFile = credentialsFile;
    }

    /** Starts the store on host:port (0 = a free port) with its files in {@code s3Dir}. */
    public static EmbeddedS3 start(Path s3Dir, String host, int port) throws Exception {
        Path blobs = s3Dir.resolve("blobs");
        Files.createDirectories(blobs);
        Path credentialsFile = s3Dir.resolve("credentials");
        S3Credentials credentials = S3Credentials.loadOrCreate(credentialsFile);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new CommittedObjectsOnly(new FilesystemNio2BlobStore(blobs.toAbsolutePath().toString())))
                .endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.accessKeyId(),
                        credentials.secretAccessKey())
                .build();
        try {
            proxy.start();
            awaitStarted(proxy, host, port);
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new IOException("embedded S3 on " + host + ":" + port + " did not start: " + e.getMessage(), e);
        }
        URI endpoint = URI.create("http://" + host + ":" + proxy.getPort());
        LOG.info("embedded S3 (S3Proxy, files in {}) at {}", blobs, endpoint);
        return new EmbeddedS3(proxy, endpoint, credentials, credentialsFile);
    }

    private static void awaitStarted(S3Proxy proxy, String host, int port) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                throw new IOException("S3Proxy is " + proxy.getState() + " (port " + port + " in use?)");
            }
            Thread.sleep(5);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public S3Credentials credentials() {
        return credentials;
    }

    /** The AWS shared-credentials file (profile default) holding {@link #credentials()}. */
    public Path credentialsFile() {
        return credentialsFile;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.debug("S3Proxy did not stop after a failed start", e);
        }
    }
}
