package io.fleet.model.can.dbc;

import java.io.IOException;

/** A DBC file that cannot be read, located by source name, 1-based line and column, with the reason. */
public final class DbcFormatException extends IOException {

    private final String source;
    private final int line;
    private final int column;
    private final String reason;

    public DbcFormatException(String source, int line, int column, String reason) {
        super(source + ":" + line + (column > 0 ? ":" + column : "") + ": " + reason);
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    /** 1-based column of the offending token, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** The message without the location prefix. */
    public String reason() {
        return reason;
    }
}
