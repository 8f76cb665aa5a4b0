package io.fleet.model.log.candump;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.ReadOptions;
import io.fleet.model.log.internal.LineLogReader;
import io.fleet.model.log.internal.TextLine;
import io.fleet.model.log.internal.TextLineInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code candump -l} logs line by line. Timestamps are epoch seconds, returned as epoch nanoseconds; interface
 * names become channel numbers through {@link CandumpInterfaces} (see there for the numbering rule). Error frames
 * are skipped and counted; blank lines are ignored.
 */
public final class CandumpReader extends LineLogReader {

    private final CandumpLineCodec codec = new CandumpLineCodec();
    private final CandumpClassicLine classicLine = new CandumpClassicLine();
    private final CandumpInterfaces interfaces;

    public CandumpReader(BufferedReader in, String source, ReadOptions options) {
        this(TextLineInput.of(in), source, options);
    }

    /** Reads the stream's bytes (one char each); no buffering needed. */
    public CandumpReader(InputStream in, String source, ReadOptions options) {
        this(TextLineInput.of(in), source, options);
    }

    private CandumpReader(TextLineInput in, String source, ReadOptions options) {
        super(in, source, options.lenient());
        this.interfaces = new CandumpInterfaces(options.interfaceChannels());
    }

    public static CandumpReader open(Path file, ReadOptions options) throws IOException {
        return new CandumpReader(Files.newInputStream(file), file.toString(), options);
    }

    /** The interface names seen so far (plus the given overrides) and their channels. */
    public CandumpInterfaces interfaces() {
        return interfaces;
    }

    @Override
    protected CanFrame parseLine(TextLine line) {
        if (classicLine.read(line, interfaces)) {
            return classicLine.frame();
        }
        if (line.isBlank()) {
            return null;
        }
        CanFrame frame = codec.parse(line, interfaces);
        if (frame == CandumpLineCodec.NOT_A_FRAME) {
            countSkipped();
            return null;
        }
        return frame;
    }
}
