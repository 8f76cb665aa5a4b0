package io.fleet.model.log;

import java.io.IOException;

/** Malformed drive-log input, located by source name and line number or byte offset. */
public final class LogFormatException extends IOException {

    private final String source;
    private final long line;
    private final long byteOffset;
    private final String reason;

    private LogFormatException(String source, long line, long byteOffset, String reason, Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + (byteOffset >= 0 ? " at byte " + byteOffset : "") + ": "
                + reason, cause);
        this.source = source;
        this.line = line;
        this.byteOffset = byteOffset;
        this.reason = reason;
    }

    /** The same error naming the input differently, e.g. by the {@code s3://} URL of a cached copy. */
    public LogFormatException withSource(String name) {
        return new LogFormatException(name, line, byteOffset, reason, this);
    }

    public static LogFormatException atLine(String source, long line, String reason) {
        return new LogFormatException(source, line, -1, reason, null);
    }

    public static LogFormatException atOffset(String source, long byteOffset, String reason) {
        return new LogFormatException(source, 0, byteOffset, reason, null);
    }

    public static LogFormatException atOffset(String source, long byteOffset, String reason, Throwable cause) {
        return new LogFormatException(source, 0, byteOffset, reason, cause);
    }

    public String source() {
        return source;
    }

    /** 1-based line number, or 0 for binary formats. */
    public long line() {
        return line;
    }

    /** Byte offset in the file, or -1 for text formats. */
    public long byteOffset() {
        return byteOffset;
    }
}
