package io.fleet.model.log.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Arrays;

/**
 * Reads a text log line by line into one growing byte buffer and hands out each line as a {@link TextLine} window
 * on it: no String and no char decoding per line. Lines end at LF, CR or CR LF, exactly as
 * {@link java.io.BufferedReader#readLine()} splits them. Bytes are chars of ISO-8859-1; a {@link Reader} source is
 * narrowed to that (chars above U+00FF become '?').
 */
public final class TextLineInput implements Closeable {

    private static final int BUFFER_SIZE = 1 << 20;

    /** Fills {@code buffer[offset, offset + length)}; returns the count read, or -1 at the end. */
    private interface Fill {
        int read(byte[] buffer, int offset, int length) throws IOException;
    }

    private final Fill fill;
    private final Closeable source;
    private final TextLine line = new TextLine();
    private byte[] buffer;
    private int position;
    private int limit;
    private boolean eof;
    private boolean skipLineFeed;
    /** Input offset of buffer[0]. */
    private long bufferOffset;
    private long lineOffset;
    private boolean lineUnterminated;

    private TextLineInput(Fill fill, Closeable source, int bufferSize) {
        this.fill = fill;
        this.source = source;
        this.buffer = new byte[bufferSize];
    }

    /** Reads the stream's bytes as they are; the stream need not be buffered. */
    public static TextLineInput of(InputStream in) {
        return of(in, BUFFER_SIZE);
    }

    static TextLineInput of(InputStream in, int bufferSize) {
        return new TextLineInput(in::read, in, bufferSize);
    }

    public static TextLineInput of(Reader in) {
        char[] chars = new char[8192];
        return new TextLineInput((buffer, offset, length) -> {
            int count = in.read(chars, 0, Math.min(length, chars.length));
            for (int i = 0; i < count; i++) {
                char c = chars[i];
                buffer[offset + i] = (byte) (c <= 0xFF ? c : '?');
            }
            return count;
        }, in, BUFFER_SIZE);
    }

    /** The next line without its terminator, or {@code null} at the end of the input. */
    public TextLine next() throws IOException {
        if (skipLineFeed) {
            if (position == limit && !refill()) {
                return null;
            }
            skipLineFeed = false;
            if (buffer[position] == '\n') {
                position++;
            }
        }
        int scan = position;
        lineUnterminated = false;
        while (true) {
            lineOffset = bufferOffset + position;
            while (scan < limit) {
                byte b = buffer[scan];
                if (b == '\n' || b == '\r') {
                    line.set(buffer, position, scan);
                    position = scan + 1;
                    skipLineFeed = b == '\r';
                    return line;
                }
                scan++;
            }
            int scanned = scan - position;
            if (!refill()) {
                if (scanned == 0) {
                    return null;
                }
                line.set(buffer, position, limit);
                position = limit;
                lineUnterminated = true;
                return line;
            }
            scan = position + scanned;
        }
    }

    /** Moves the unread bytes to the front (doubling the buffer for a longer line) and reads more; false at end. */
    private boolean refill() throws IOException {
        if (eof) {
            return false;
        }
        if (position > 0) {
            bufferOffset += position;
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int count;
        do {
            count = fill.read(buffer, limit, buffer.length - limit);
        } while (count == 0);
        if (count < 0) {
            eof = true;
            return false;
        }
        limit += count;
        return true;
    }

    /** Offset in the input (bytes; chars for a {@link Reader}) where the line {@link #next()} returned starts. */
    public long lineOffset() {
        return lineOffset;
    }

    /** True when the line {@link #next()} returned ended with the input, without a line end: it may be cut short. */
    public boolean lineUnterminated() {
        return lineUnterminated;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
