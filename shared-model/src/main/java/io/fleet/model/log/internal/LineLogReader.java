package io.fleet.model.log.internal;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.ReadStats;
import io.fleet.model.log.Truncation;
import java.io.IOException;

/**
 * The loop every line-oriented log reader shares: read one line at a time (constant memory) as a {@link TextLine}
 * window on the input buffer, let the format parse it in place, and turn a parse failure into a
 * {@link LogFormatException} with file and line, or in lenient mode into a rejected count and the next line. A last
 * line cut short is a truncation (see {@link #next()}).
 */
public abstract class LineLogReader implements LogReader {

    private final TextLineInput in;
    private final String source;
    private final boolean lenient;
    private final ReadCounter counter = new ReadCounter();
    private long lineNumber;

    protected LineLogReader(TextLineInput in, String source, boolean lenient) {
        this.in = in;
        this.source = source;
        this.lenient = lenient;
    }

    /**
     * The frame on this line, or {@code null} for a line without one (call {@link #countSkipped()} if it was an
     * entry worth counting). Malformed lines throw {@link IllegalArgumentException} with the reason.
     */
    protected abstract CanFrame parseLine(TextLine line);

    /**
     * Loggers end every line, so a last line without a line end that holds a frame (or fails to parse) was cut short:
     * {@code 100#0011} may be what is left of {@code 100#00112233}. A trailer or comment there is harmless.
     */
    @Override
    public final BusRecord next() throws IOException {
        TextLine line;
        while ((line = in.next()) != null) {
            lineNumber++;
            CanFrame frame;
            String malformed = null;
            try {
                frame = parseLine(line);
            } catch (IllegalArgumentException e) {
                frame = null;
                malformed = e.getMessage();
            }
            if (in.lineUnterminated() && (frame != null || malformed != null)) {
                Truncation cut = new Truncation(in.lineOffset(), "line " + lineNumber + ", which has no line end",
                        line.length(), 1, 1);
                if (!lenient) {
                    throw LogFormatException.atLine(source, lineNumber, "truncated: " + cut.describe());
                }
                counter.truncated(cut);
                return null;
            }
            if (malformed != null) {
                if (!lenient) {
                    throw LogFormatException.atLine(source, lineNumber, malformed);
                }
                counter.reject();
                continue;
            }
            if (frame != null) {
                counter.record();
                return frame;
            }
        }
        return null;
    }

    protected final void countSkipped() {
        counter.skip();
    }

    protected final String source() {
        return source;
    }

    @Override
    public final ReadStats stats() {
        return counter.snapshot();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
