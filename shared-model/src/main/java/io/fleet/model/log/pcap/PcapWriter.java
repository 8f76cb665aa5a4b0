package io.fleet.model.log.pcap;

import io.fleet.model.Checks;
import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.bus.UdpDatagram;
import io.fleet.model.log.LogWriter;
import io.fleet.model.log.RecordKind;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes UDP datagrams (or raw Ethernet frames) as a capture that Wireshark, tshark and {@link PcapReader} read:
 * the HiL rig records a device's Ethernet answers with it. Little-endian, Ethernet link type, nanosecond
 * timestamps in both formats.
 *
 * <ul>
 *   <li>{@link Format#PCAP_NANOS}: classic pcap with the nanosecond magic 0xa1b23c4d; no interfaces or direction,
 *       so channel and direction are not kept.</li>
 *   <li>{@link Format#PCAPNG}: one section; interface index = channel (interfaces 0..channel are declared as
 *       needed, each with if_tsresol = 9), TX datagrams carry epb_flags "outbound".</li>
 * </ul>
 * Not thread-safe: one capture thread writes.
 */
public final class PcapWriter implements LogWriter {

    /** The capture file flavour. */
    public enum Format { PCAP_NANOS, PCAPNG }

    private static final int SNAPLEN = 262_144;
    /** pcapng interfaces are declared up to the channel used; more than this is a caller error. */
    private static final int MAX_CHANNEL = 1023;

    private final OutputStream out;
    private final Format format;
    private final UdpFrameEncoder encoder = new UdpFrameEncoder();
    private int declaredInterfaces;

    public PcapWriter(OutputStream out, Format format) throws IOException {
        this.out = new BufferedOutputStream(Checks.notNull(out, "out"), 1 << 16);
        this.format = Checks.notNull(format, "format");
        if (format == Format.PCAP_NANOS) {
            this.out.write(le(24).putInt(ClassicPcapParser.MAGIC_NANOS).putShort((short) 2).putShort((short) 4)
                    .putInt(0).putInt(0).putInt(SNAPLEN).putInt(LinkType.ETHERNET).array());
        } else {
            this.out.write(le(28).putInt(PcapngParser.SECTION_HEADER).putInt(28).putInt(0x1A2B3C4D)
                    .putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28).array());
        }
    }

    public static PcapWriter create(Path path, Format format) throws IOException {
        return new PcapWriter(Files.newOutputStream(path), format);
    }

    /** A capture holds UDP datagrams: refused, as {@link io.fleet.model.log.LogFormat#requireCanHold} says up front. */
    @Override
    public void write(CanFrame frame) {
        throw new IllegalArgumentException("a pcap capture holds " + RecordKind.UDP_DATAGRAMS + ", not "
                + RecordKind.CAN_FRAMES);
    }

    /** Writes a {@link UdpDatagram}; CAN frames are refused. */
    @Override
    public void write(BusRecord record) throws IOException {
        if (record instanceof UdpDatagram datagram) {
            write(datagram);
        } else {
            write((CanFrame) record);
        }
    }

    /** Writes {@code datagram} inside Ethernet II, optional 802.1Q, IPv4 or IPv6 and UDP headers. */
    public void write(UdpDatagram datagram) throws IOException {
        writeEthernetFrame(datagram.timestampNanos(), datagram.channel(), datagram.direction(),
                encoder.encode(datagram));
    }

    /** Writes a complete Ethernet frame (without FCS), e.g. a non-UDP frame captured alongside. */
    public void writeEthernetFrame(long timestampNanos, int channel, Direction direction, byte[] frame)
            throws IOException {
        Checks.nonNegative(timestampNanos, "timestampNanos");
        Checks.notNull(direction, "direction");
        Checks.check(frame.length <= SNAPLEN, "frame length", "must be <= " + SNAPLEN, frame.length);
        if (format == Format.PCAP_NANOS) {
            long seconds = timestampNanos / 1_000_000_000L;
            Checks.check(seconds <= 0xFFFF_FFFFL, "timestampNanos", "must fit classic pcap's u32 seconds",
                    timestampNanos);
            out.write(le(16).putInt((int) seconds).putInt((int) (timestampNanos % 1_000_000_000L))
                    .putInt(frame.length).putInt(frame.length).array());
            out.write(frame);
            return;
        }
        Checks.inRange(channel, 0, MAX_CHANNEL, "channel");
        while (declaredInterfaces <= channel) {
            // IDB: link type, reserved, snaplen, option if_tsresol = 9 (nanoseconds), end of options
            out.write(le(32).putInt(1).putInt(32).putShort((short) LinkType.ETHERNET).putShort((short) 0)
                    .putInt(SNAPLEN).putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3])
                    .putInt(0).putInt(32).array());
            declaredInterfaces++;
        }
        int padded = (frame.length + 3) & ~3;
        boolean outbound = direction == Direction.TX;
        int options = outbound ? 12 : 0; // epb_flags (code 2, 4 bytes, direction bits 10) + end of options
        int length = 32 + padded + options;
        ByteBuffer head = le(28).putInt(6).putInt(length).putInt(channel).putInt((int) (timestampNanos >>> 32))
                .putInt((int) timestampNanos).putInt(frame.length).putInt(frame.length);
        out.write(head.array());
        out.write(frame);
        out.write(new byte[padded - frame.length]);
        if (outbound) {
            out.write(le(12).putShort((short) 2).putShort((short) 4).putInt(2).putInt(0).array());
        }
        out.write(le(4).putInt(length).array());
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
