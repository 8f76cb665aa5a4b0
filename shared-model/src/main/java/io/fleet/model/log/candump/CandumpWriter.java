package io.fleet.model.log.candump;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.LogWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code candump -l} logs that can-utils ({@code canplayer}, {@code log2asc}) and python-can read.
 *
 * <p>Channel {@code n} is written as the interface named in the given map, else as {@code can<n-1>}, the SocketCAN
 * convention. Remote frames are written as {@code ID#R}: the model keeps no DLC for remote frames. Direction
 * markers ({@code T}/{@code R}) are written only when asked, because older candump parsers reject them.
 */
public final class CandumpWriter implements LogWriter {

    private final Writer out;
    private final Map<Integer, String> interfaceNames;
    private final boolean directionMarkers;
    private final StringBuilder line = new StringBuilder(200);

    public CandumpWriter(Writer out, Map<Integer, String> interfaceNames, boolean directionMarkers) {
        this.out = out;
        this.interfaceNames = Map.copyOf(interfaceNames);
        this.directionMarkers = directionMarkers;
    }

    /** Default names ({@code can0} for channel 1), no direction markers. */
    public static CandumpWriter open(Path file) throws IOException {
        return open(file, Map.of(), false);
    }

    public static CandumpWriter open(Path file, Map<Integer, String> interfaceNames, boolean directionMarkers)
            throws IOException {
        return new CandumpWriter(new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), 1 << 16),
                interfaceNames, directionMarkers);
    }

    @Override
    public void write(CanFrame frame) throws IOException {
        line.setLength(0);
        String name = interfaceNames.get(frame.channel());
        CandumpLineCodec.format(line, frame, name != null ? name : "can" + (frame.channel() - 1), directionMarkers);
        line.append('\n');
        out.append(line);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
