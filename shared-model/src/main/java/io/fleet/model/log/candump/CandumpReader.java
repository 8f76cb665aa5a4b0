package io.fleet.model.log.candump;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.ReadOptions;
import io.fleet.model.log.internal.LineLogReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code candump -l} logs line by line. Timestamps are epoch seconds, returned as epoch nanoseconds; interface
 * names become channel numbers through {@link CandumpInterfaces} (see there for the numbering rule). Error frames
 * are skipped and counted; blank lines are ignored.
 */
public final class CandumpReader extends LineLogReader {

    private final CandumpLineCodec codec = new CandumpLineCodec();
    private final CandumpInterfaces interfaces;

    public CandumpReader(BufferedReader in, String source, ReadOptions options) {
        super(in, source, options.lenient());
        this.interfaces = new CandumpInterfaces(options.interfaceChannels());
    }

    public static CandumpReader open(Path file, ReadOptions options) throws IOException {
        return new CandumpReader(Files.newBufferedReader(file, StandardCharsets.US_ASCII), file.toString(), options);
    }

    /** The interface names seen so far (plus the given overrides) and their channels. */
    public CandumpInterfaces interfaces() {
        return interfaces;
    }

    @Override
    protected CanFrame parseLine(String line) {
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
