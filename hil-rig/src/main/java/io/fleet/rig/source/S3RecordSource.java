package io.fleet.rig.source;

import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.LogReader;
import io.fleet.rig.replay.RecordSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * A drive log in S3, read either through the local content-addressed cache (any format; later loops and runs hit
 * the cache) or, with no cache, streamed by read-ahead ranged GETs so the replay starts before the download ends
 * (formats readable front to back).
 */
public final class S3RecordSource implements RecordSource {

    private static final int RANGE_BYTES = 8 << 20;

    private final S3Client s3;
    private final S3Location location;
    private final ContentAddressedCache cache;
    private final LogOpener opener;
    private final Executor rangeFetcher;
    private volatile Path cachedFile;
    private volatile HeadObjectResponse head;
    private volatile String streamedSha256;

    /** @param cache null to stream instead of caching */
    public S3RecordSource(S3Client s3, S3Location location, ContentAddressedCache cache, LogOpener opener,
                          Executor rangeFetcher) {
        this.s3 = s3;
        this.location = location;
        this.cache = cache;
        this.opener = opener;
        this.rangeFetcher = rangeFetcher;
    }

    /**
     * @throws IOException naming the object, the reason and the endpoint when S3 refuses or cannot be reached, or
     *                     naming the object (not its cached copy) when its content is malformed
     */
    @Override
    public LogReader open() throws IOException {
        try {
            return new RenamedLogReader(openReader(), location.toString());
        } catch (SdkException e) {
            throw S3Failures.reading(location, s3, e);
        } catch (LogFormatException e) {
            throw e.withSource(location.toString());
        }
    }

    private LogReader openReader() throws IOException {
        HeadObjectResponse object = head();
        if (cache == null) {
            return opener.open(location.fileName(), new Sha256CountingInputStream(new RangedReadAheadInputStream(
                    s3, location, object.eTag(), object.contentLength(), RANGE_BYTES, rangeFetcher),
                    object.contentLength(), sha256 -> streamedSha256 = sha256));
        }
        Path file = cache.get(contentKey(object), object.contentLength(), target -> s3.getObject(
                GetObjectRequest.builder().bucket(location.bucket()).key(location.key()).ifMatch(object.eTag())
                        .build(), ResponseTransformer.toFile(target)));
        cachedFile = file;
        return opener.open(file);
    }

    /** ETag plus the file extension: readers pick the format by the extension, so the entry keeps it. */
    private String contentKey(HeadObjectResponse object) {
        String name = location.fileName();
        int dot = name.lastIndexOf('.');
        return "etag-" + object.eTag() + (dot >= 0 ? name.substring(dot) : "");
    }

    /** Object metadata, fetched once: every loop must read the same version. */
    public synchronized HeadObjectResponse head() {
        if (head == null) {
            head = s3.headObject(b -> b.bucket(location.bucket()).key(location.key()));
        }
        return head;
    }

    /** Whether it reads through the cache rather than streaming. */
    public boolean cached() {
        return cache != null;
    }

    /** The cached copy after {@link #open()}, or null when streaming. */
    public Path cachedFile() {
        return cachedFile;
    }

    /**
     * Hex SHA-256 of the streamed object once a reader has read it to its end (the first loop, without a time window
     * that stops early), else null. A cached source is hashed from {@link #cachedFile()}.
     */
    public String streamedSha256() {
        return streamedSha256;
    }

    /** By the object key's extension, as the readers pick it. */
    @Override
    public Optional<LogFormat> format() {
        return LogFormat.fromFileName(location.fileName());
    }

    @Override
    public String name() {
        return location.toString();
    }
}
