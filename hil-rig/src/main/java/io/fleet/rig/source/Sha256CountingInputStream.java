package io.fleet.rig.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Hashes the bytes a reader pulls through it, so a log streamed from S3 gets the same SHA-256 in the KPI report as a
 * local file, without a second download. When the stream reaches its end having delivered exactly
 * {@code expectedBytes}, it hands the hex digest to {@code onComplete}; a reader that stops early (a time window)
 * or skips leaves no hash. Runs on the replay reader thread.
 */
final class Sha256CountingInputStream extends FilterInputStream {

    private final MessageDigest digest;
    private final long expectedBytes;
    private final Consumer<String> onComplete;
    private long bytes;
    private boolean skipped;
    private boolean done;

    Sha256CountingInputStream(InputStream in, long expectedBytes, Consumer<String> onComplete) {
        super(in);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        this.expectedBytes = expectedBytes;
        this.onComplete = onComplete;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            digest.update((byte) b);
            bytes++;
        } else {
            ended();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
            bytes += n;
        } else if (n < 0) {
            ended();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        skipped = true;
        return super.skip(n);
    }

    @Override
    public boolean markSupported() {
        return false; // a reset would hash bytes twice
    }

    private void ended() {
        if (!done && !skipped && bytes == expectedBytes) {
            done = true;
            onComplete.accept(HexFormat.of().formatHex(digest.digest()));
        }
    }
}
