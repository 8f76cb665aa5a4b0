package io.fleet.model.log.candump;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.LogWriter;
import io.fleet.model.log.internal.TextOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes {@code candump -l} logs that can-utils ({@code canplayer}, {@code log2asc}) and python-can read.
 *
 * <p>Channel {@code n} is written as the interface named in the given map, else as {@code can<n-1>}, the SocketCAN
 * convention. Remote frames are written as candump prints them, {@code ID#R<dlc>} ({@code ID#R} for DLC 0). Direction
 * markers ({@code T}/{@code R}) are written only when asked, because older candump parsers reject them.
 */
public final class CandumpWriter implements LogWriter {

    /** Interface names of channels 0..255 are kept as bytes here, others in {@link #otherNames}. */
    private static final int NAMED_CHANNELS = 256;

    private final TextOutput out;
    private final Map<Integer, String> interfaceNames;
    private final boolean directionMarkers;
    private final Charset nameCharset;
    private final byte[][] namesByChannel = new byte[NAMED_CHANNELS][];
    private final Map<Integer, byte[]> otherNames = new HashMap<>();

    public CandumpWriter(Writer out, Map<Integer, String> interfaceNames, boolean directionMarkers) {
        this(TextOutput.of(out), interfaceNames, directionMarkers, StandardCharsets.ISO_8859_1);
    }

    /** Writes US-ASCII bytes to {@code out} in large blocks (it needs no buffering). */
    public CandumpWriter(OutputStream out, Map<Integer, String> interfaceNames, boolean directionMarkers) {
        this(new TextOutput(out), interfaceNames, directionMarkers, StandardCharsets.US_ASCII);
    }

    private CandumpWriter(TextOutput out, Map<Integer, String> interfaceNames, boolean directionMarkers,
                          Charset nameCharset) {
        this.out = out;
        this.interfaceNames = Map.copyOf(interfaceNames);
        this.directionMarkers = directionMarkers;
        this.nameCharset = nameCharset;
    }

    /** Default names ({@code can0} for channel 1), no direction markers. */
    public static CandumpWriter open(Path file) throws IOException {
        return open(file, Map.of(), false);
    }

    public static CandumpWriter open(Path file, Map<Integer, String> interfaceNames, boolean directionMarkers)
            throws IOException {
        return new CandumpWriter(Files.newOutputStream(file), interfaceNames, directionMarkers);
    }

    @Override
    public void write(CanFrame frame) throws IOException {
        CandumpLineCodec.format(out, frame, interfaceName(frame.channel()), directionMarkers);
        out.endLine();
    }

    private byte[] interfaceName(int channel) {
        boolean cached = channel >= 0 && channel < NAMED_CHANNELS;
        byte[] name = cached ? namesByChannel[channel] : otherNames.get(channel);
        if (name == null) {
            String text = interfaceNames.get(channel);
            // unmappable chars become '?', as the character encoder of a text writer makes them
            name = (text != null ? text : "can" + (channel - 1)).getBytes(nameCharset);
            if (cached) {
                namesByChannel[channel] = name;
            } else {
                otherNames.put(channel, name);
            }
        }
        return name;
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
