package io.fleet.model.log.internal;

import java.nio.charset.StandardCharsets;

/**
 * One line of a text log as a window on the reader's byte buffer, one char per byte (ISO-8859-1): the readers
 * parse it in place, so that reading a line allocates nothing. Valid until the next line is read; reused by one
 * reader thread.
 */
public final class TextLine implements CharSequence {

    private byte[] bytes = new byte[0];
    private int offset;
    private int length;

    /** Points this view at {@code bytes[from, to)}. */
    public TextLine set(byte[] newBytes, int from, int to) {
        bytes = newBytes;
        offset = from;
        length = to - from;
        return this;
    }

    /** A view of the text, e.g. for tests and header lines. */
    public static TextLine of(String text) {
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
        return new TextLine().set(latin1, 0, latin1.length);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new StringIndexOutOfBoundsException("index " + index + ", length " + length);
        }
        return (char) (bytes[offset + index] & 0xFF);
    }

    /** Index of the first {@code c} at or after {@code from}, or -1. */
    public int indexOf(char c, int from) {
        for (int i = Math.max(from, 0); i < length; i++) {
            if ((bytes[offset + i] & 0xFF) == c) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the {@code text.length()} chars at {@code from} equal {@code text}. */
    public boolean regionMatches(int from, String text) {
        return regionMatches(false, from, text);
    }

    /** As {@link String#regionMatches(boolean, int, String, int, int)} over the whole of {@code text}. */
    public boolean regionMatches(boolean ignoreCase, int from, String text) {
        int n = text.length();
        if (from < 0 || from > length - n) {
            return false;
        }
        int at = offset + from;
        for (int i = 0; i < n; i++) {
            char a = (char) (bytes[at + i] & 0xFF);
            char b = text.charAt(i);
            if (a != b && !(ignoreCase && equalsIgnoreCase(a, b))) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsIgnoreCase(char a, char b) {
        char upperA = Character.toUpperCase(a);
        char upperB = Character.toUpperCase(b);
        return upperA == upperB || Character.toLowerCase(upperA) == Character.toLowerCase(upperB);
    }

    /** Whether the line is empty or only whitespace, as {@link String#isBlank()}. */
    public boolean isBlank() {
        for (int i = 0; i < length; i++) {
            if (!isWhitespace((char) (bytes[offset + i] & 0xFF))) {
                return false;
            }
        }
        return true;
    }

    /** {@link Character#isWhitespace} for one ISO-8859-1 char: tab to CR, the separators 0x1C-0x1F, space. */
    public static boolean isWhitespace(char c) {
        return c == ' ' || c >= 0x09 && c <= 0x0D || c >= 0x1C && c <= 0x1F;
    }

    /** The buffer this line is a window on, for parsers' tight loops; the line starts at {@link #offset()}. */
    public byte[] bytes() {
        return bytes;
    }

    public int offset() {
        return offset;
    }

    public String substring(int from) {
        return substring(from, length);
    }

    public String substring(int from, int to) {
        if (from < 0 || to > length || from > to) {
            throw new StringIndexOutOfBoundsException("begin " + from + ", end " + to + ", length " + length);
        }
        return new String(bytes, offset + from, to - from, StandardCharsets.ISO_8859_1);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return substring(start, end);
    }

    @Override
    public String toString() {
        return substring(0, length);
    }
}
