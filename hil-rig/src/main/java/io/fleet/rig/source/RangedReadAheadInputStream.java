package io.fleet.rig.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Streams an S3 object by ranged GETs, always fetching the next range (on {@code executor}) while the current one
 * is consumed, so a replay starts after the first range instead of after the whole download, and the reader thread
 * rarely waits on the network. Every range is requested with {@code If-Match: ETag}, so an object replaced midway
 * fails loudly instead of yielding a mix of two versions. Holds at most two ranges in memory.
 *
 * <p>Read by one thread (the replay reader); the fetches run on the executor.
 */
public final class RangedReadAheadInputStream extends InputStream {

    private final S3Client s3;
    private final S3Location location;
    private final String eTag;
    private final long size;
    private final int rangeBytes;
    private final Executor executor;
    private long nextRangeStart;
    private CompletableFuture<byte[]> ahead;
    private byte[] current = new byte[0];
    private int position;
    private long rangesFetched;

    public RangedReadAheadInputStream(S3Client s3, S3Location location, String eTag, long size, int rangeBytes,
                                      Executor executor) {
        if (rangeBytes < 1) {
            throw new IllegalArgumentException("rangeBytes must be positive (was " + rangeBytes + ")");
        }
        this.s3 = s3;
        this.location = location;
        this.eTag = eTag;
        this.size = size;
        this.rangeBytes = rangeBytes;
        this.executor = executor;
        this.ahead = fetchNext();
    }

    /** How many ranged GETs were issued so far. */
    public long rangesFetched() {
        return rangesFetched;
    }

    private CompletableFuture<byte[]> fetchNext() {
        if (nextRangeStart >= size) {
            return null;
        }
        long first = nextRangeStart;
        long last = Math.min(size, first + rangeBytes) - 1;
        nextRangeStart = last + 1;
        rangesFetched++;
        GetObjectRequest request = GetObjectRequest.builder().bucket(location.bucket()).key(location.key())
                .range("bytes=" + first + "-" + last).ifMatch(eTag).build();
        return CompletableFuture.supplyAsync(() -> {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(request);
            return bytes.asByteArrayUnsafe();
        }, executor);
    }

    private boolean advance() throws IOException {
        if (ahead == null) {
            return false;
        }
        try {
            current = ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(location + ": interrupted while waiting for a range", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SdkException sdk) {
                throw S3Failures.reading(location, s3, sdk);
            }
            throw new IOException(location + ": ranged GET failed: " + e.getCause().getMessage(), e.getCause());
        }
        position = 0;
        ahead = fetchNext();
        return true;
    }

    @Override
    public int read() throws IOException {
        while (position >= current.length) {
            if (!advance()) {
                return -1;
            }
        }
        return current[position++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position >= current.length) {
            if (!advance()) {
                return -1;
            }
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.cancel(true);
            ahead = null;
        }
        current = new byte[0];
    }
}
