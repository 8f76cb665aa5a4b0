package io.fleet.model.log.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text log writers' output: lines are formatted straight into one byte buffer (one byte per ISO-8859-1 char,
 * numbers without intermediate Strings), which goes to the stream in large writes. Used by one writer thread.
 */
public final class TextOutput implements Closeable {

    private static final int DRAIN_AT = 1 << 20;
    private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.ISO_8859_1);

    private final OutputStream out;
    private byte[] buffer = new byte[DRAIN_AT + 4096];
    private int length;

    /** @param out written in large blocks: needs no buffering of its own */
    public TextOutput(OutputStream out) {
        this.out = out;
    }

    /** Text written to a character stream: each byte becomes the char of the same ISO-8859-1 code. */
    public static TextOutput of(Writer writer) {
        return new TextOutput(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                writer.write(b & 0xFF);
            }

            @Override
            public void write(byte[] bytes, int offset, int count) throws IOException {
                writer.write(new String(bytes, offset, count, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void flush() throws IOException {
                writer.flush();
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        });
    }

    /** Chars above U+00FF are written as '?'. */
    public TextOutput append(char c) {
        ensure(1);
        buffer[length++] = (byte) (c <= 0xFF ? c : '?');
        return this;
    }

    public TextOutput append(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            buffer[length++] = (byte) (c <= 0xFF ? c : '?');
        }
        return this;
    }

    public TextOutput append(byte[] text) {
        ensure(text.length);
        System.arraycopy(text, 0, buffer, length, text.length);
        length += text.length;
        return this;
    }

    /** {@code value} in decimal, as {@link Long#toString(long)}. */
    public TextOutput appendDecimal(long value) {
        if (value < 0) {
            append('-');
            // Long.MIN_VALUE: the digits of its negation do not fit a long
            return value == Long.MIN_VALUE ? append("9223372036854775808") : appendDecimal(-value);
        }
        return appendPadded(value, 1);
    }

    /** Non-negative {@code value} in decimal, zero-padded to at least {@code width} digits. */
    public TextOutput appendPadded(long value, int width) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        int total = Math.max(digits, width);
        ensure(total);
        int end = length + total;
        for (int i = end - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
        return this;
    }

    /** {@code nanos} as seconds with {@code fractionDigits} (1-9) digits, truncating below. */
    public TextOutput appendSeconds(long nanos, int fractionDigits) {
        if (nanos < 0) {
            append('-');
            nanos = -nanos;
        }
        appendPadded(nanos / 1_000_000_000L, 1).append('.');
        return appendPadded((nanos % 1_000_000_000L) / TextNumbers.POWERS_OF_TEN[9 - fractionDigits], fractionDigits);
    }

    /** {@code value} as exactly {@code digits} upper-case hex digits. */
    public TextOutput appendHex(long value, int digits) {
        ensure(digits);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            buffer[length++] = UPPER_HEX[(int) (value >>> shift) & 0xF];
        }
        return this;
    }

    /** {@code value} in upper-case hex without leading zeros, as {@code Integer.toHexString(value).toUpperCase()}. */
    public TextOutput appendHex(int value) {
        int digits = Math.max(1, (Integer.SIZE - Integer.numberOfLeadingZeros(value) + 3) / 4);
        return appendHex(value & 0xFFFF_FFFFL, digits);
    }

    /** Chars appended so far to the current (unfinished) output; a field start for {@link #padLeft}. */
    public int position() {
        return length;
    }

    /** Right-aligns the text appended since {@code fieldStart} in a field of {@code width}, padding with blanks. */
    public TextOutput padLeft(int fieldStart, int width) {
        int missing = width - (length - fieldStart);
        if (missing > 0) {
            ensure(missing);
            System.arraycopy(buffer, fieldStart, buffer, fieldStart + missing, length - fieldStart);
            Arrays.fill(buffer, fieldStart, fieldStart + missing, (byte) ' ');
            length += missing;
        }
        return this;
    }

    /** Left-aligns the text appended since {@code fieldStart} in a field of {@code width}, padding with blanks. */
    public TextOutput padRight(int fieldStart, int width) {
        int missing = width - (length - fieldStart);
        if (missing > 0) {
            ensure(missing);
            Arrays.fill(buffer, length, length + missing, (byte) ' ');
            length += missing;
        }
        return this;
    }

    /** Ends a line ({@code \n}); full buffers go to the stream between lines, never inside one. */
    public void endLine() throws IOException {
        append('\n');
        if (length >= DRAIN_AT) {
            drain();
        }
    }

    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            out.close();
        }
    }

    private void drain() throws IOException {
        if (length > 0) {
            out.write(buffer, 0, length);
            length = 0;
        }
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    @Override
    public String toString() {
        return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
    }
}
