package io.fleet.model.log.internal;

import java.util.Arrays;

/**
 * The whitespace-separated tokens of one text line, as index ranges into the line: no substring per token, so
 * that a reader's per-line garbage stays at the line itself. Reused from line to line by one reader thread.
 */
public final class LineTokens {

    private TextLine line = new TextLine();
    private int[] starts = new int[128];
    private int[] ends = new int[128];
    private int count;

    public LineTokens split(TextLine newLine) {
        line = newLine;
        count = 0;
        byte[] bytes = newLine.bytes();
        int offset = newLine.offset();
        int end = offset + newLine.length();
        int i = offset;
        while (i < end) {
            while (i < end && isWhitespace(bytes[i])) {
                i++;
            }
            if (i == end) {
                break;
            }
            int start = i;
            while (i < end && !isWhitespace(bytes[i])) {
                i++;
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start - offset;
            ends[count] = i - offset;
            count++;
        }
        return this;
    }

    /** {@link Character#isWhitespace} of the ISO-8859-1 char: every such char is at most a blank. */
    private static boolean isWhitespace(byte b) {
        return b <= ' ' && b >= 0 && TextLine.isWhitespace((char) b);
    }

    public TextLine line() {
        return line;
    }

    public int count() {
        return count;
    }

    public int start(int index) {
        return starts[index];
    }

    public int end(int index) {
        return ends[index];
    }

    public int length(int index) {
        return ends[index] - starts[index];
    }

    public char firstChar(int index) {
        return line.charAt(starts[index]);
    }

    public char lastChar(int index) {
        return line.charAt(ends[index] - 1);
    }

    public boolean is(int index, String text) {
        return index < count && length(index) == text.length() && line.regionMatches(starts[index], text);
    }

    public boolean isIgnoreCase(int index, String text) {
        return index < count && length(index) == text.length() && line.regionMatches(true, starts[index], text);
    }

    public String text(int index) {
        return line.substring(starts[index], ends[index]);
    }

    /** Whether the token consists of 1..max hex digits. */
    public boolean isHex(int index, int max) {
        int length = length(index);
        if (length == 0 || length > max) {
            return false;
        }
        for (int i = starts[index]; i < ends[index]; i++) {
            if (Character.digit(line.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the token is 1..max decimal digits. */
    public boolean isDecimal(int index, int max) {
        int length = length(index);
        if (length == 0 || length > max) {
            return false;
        }
        for (int i = starts[index]; i < ends[index]; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
