package io.fleet.model.log.pcap;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.UdpDatagram;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.ReadStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Streams the UDP datagrams of an Automotive Ethernet capture, classic pcap or pcapng (told apart by the magic),
 * as {@link UdpDatagram}s: capture timestamp in epoch nanoseconds, channel = pcapng interface index (0 for classic
 * pcap), direction TX when the capture marks the packet outbound, VLAN id of the outermost tag.
 *
 * <p>Packets that are not UDP, IP fragments and non-packet pcapng blocks are skipped and counted (see
 * {@link #skipCounts()}). Malformed or truncated records throw {@link LogFormatException} with the byte offset; in
 * lenient mode a truncated last record is counted as rejected and ends the file (a capture killed mid-write), while
 * other corruption still throws because pcap records cannot be resynchronised.
 */
public final class PcapReader implements LogReader {

    private final FileChannel channel;
    private final PacketParser parser;
    private final SequentialFileInput input;
    private final boolean lenient;
    private final String source;
    private final CapturedPacket packet = new CapturedPacket();
    private final UdpFrameDecoder decoder = new UdpFrameDecoder();
    private final Map<SkipReason, Long> skips = new EnumMap<>(SkipReason.class);
    private long records;
    private long rejected;
    private boolean ended;

    public PcapReader(Path path, boolean lenient) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.lenient = lenient;
        this.source = path.toString();
        try {
            this.input = new SequentialFileInput(channel);
            this.parser = openParser(input);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public static PcapReader open(Path path, boolean lenient) throws IOException {
        return new PcapReader(path, lenient);
    }

    private PacketParser openParser(SequentialFileInput input) throws IOException {
        byte[] magic = new byte[4];
        int n = channel.read(ByteBuffer.wrap(magic), 0);
        if (n < 4) {
            throw LogFormatException.atOffset(source, 0, "file too short for a capture (" + Math.max(n, 0)
                    + " bytes)");
        }
        int big = Bytes.u32(magic, 0, true);
        if (big == PcapngParser.SECTION_HEADER) {
            return new PcapngParser(input, source);
        }
        int little = Bytes.u32(magic, 0, false);
        if (big == ClassicPcapParser.MAGIC_MICROS || big == ClassicPcapParser.MAGIC_NANOS
                || little == ClassicPcapParser.MAGIC_MICROS || little == ClassicPcapParser.MAGIC_NANOS) {
            return new ClassicPcapParser(input, source);
        }
        throw LogFormatException.atOffset(source, 0, String.format(Locale.ROOT,
                "not a pcap or pcapng file: magic 0x%08x", big));
    }

    @Override
    public BusRecord next() throws IOException {
        while (!ended) {
            try {
                if (!parser.next(packet)) {
                    ended = true;
                    return null;
                }
            } catch (LogFormatException e) {
                // Only a record cut off by the end of the file is forgivable: the parser has then consumed it all
                boolean truncatedAtEnd = input.position() >= channel.size();
                if (!lenient || !truncatedAtEnd) {
                    throw e;
                }
                rejected++;
                ended = true;
                return null;
            }
            UdpDatagram datagram = decoder.decode(packet);
            if (datagram != null) {
                records++;
                return datagram;
            }
            skips.merge(decoder.lastSkipReason(), 1L, Long::sum);
        }
        return null;
    }

    /** Skipped packets and blocks by reason, so far. */
    public Map<SkipReason, Long> skipCounts() {
        Map<SkipReason, Long> counts = new EnumMap<>(skips);
        if (parser.nonPacketBlocks() > 0) {
            counts.put(SkipReason.NON_PACKET_BLOCK, parser.nonPacketBlocks());
        }
        return Collections.unmodifiableMap(counts);
    }

    @Override
    public ReadStats stats() {
        long skipped = parser.nonPacketBlocks();
        for (long count : skips.values()) {
            skipped += count;
        }
        return new ReadStats(records, skipped, rejected, rejected > 0 ? parser.truncation() : Optional.empty());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
