package io.fleet.model.log.pcap;

import static io.fleet.model.log.pcap.PcapRoundTripTest.bytes;
import static io.fleet.model.log.pcap.PcapRoundTripTest.datagram;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.bus.Direction;
import io.fleet.model.bus.UdpDatagram;
import io.fleet.model.log.LogFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte orders, timestamp resolutions, link types, VLAN/IP variants and corrupt files. */
class PcapFormatsTest {

    @TempDir
    Path dir;

    private final UdpDatagram plain = datagramOrThrow(0, "10.1.2.3", "10.1.2.4", -1);
    private final byte[] frame = new UdpFrameEncoder().encode(plain);

    @Test
    void bigEndianClassicPcapWithMicroseconds() throws IOException {
        byte[] file = new CaptureBytes(ByteOrder.BIG_ENDIAN).classicHeader(ClassicPcapParser.MAGIC_MICROS, 1)
                .classicRecord(1_700_000_000L, 123_456, frame).toByteArray();

        assertThat(PcapRoundTripTest.readAll(write(file))).singleElement()
                .isEqualTo(plain.withTimestampNanos(1_700_000_000_123_456_000L));
    }

    @Test
    void linuxCookedCapturesV1AndV2WithOutgoingPackets() throws IOException {
        byte[] ip = Arrays.copyOfRange(frame, 14, frame.length);
        byte[] sll = concat(bytes(0, 4, 0, 1, 0, 6, 2, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00), ip);
        byte[] sll2 = concat(bytes(0x08, 0x00, 0, 0, 0, 0, 0, 3, 0, 1, 4, 6, 2, 0, 0, 0, 0, 0, 0, 0), ip);
        Path v1 = write(new CaptureBytes(ByteOrder.LITTLE_ENDIAN).classicHeader(ClassicPcapParser.MAGIC_NANOS, 113)
                .classicRecord(1, 5, sll).toByteArray());
        Path v2 = write(new CaptureBytes(ByteOrder.LITTLE_ENDIAN).classicHeader(ClassicPcapParser.MAGIC_NANOS, 276)
                .classicRecord(1, 5, sll2).toByteArray());

        UdpDatagram expected = new UdpDatagram(1_000_000_005L, 0, Direction.TX, plain.source(), plain.sourcePort(),
                plain.destination(), plain.destinationPort(), -1, plain.payload());
        assertThat(PcapRoundTripTest.readAll(v1)).containsExactly(expected);
        assertThat(PcapRoundTripTest.readAll(v2)).containsExactly(expected);
    }

    @Test
    void qinqKeepsTheOuterVlanAndIpv4OptionsAreSkipped() throws IOException {
        byte[] qinq = concat(Arrays.copyOf(frame, 12), bytes(0x88, 0xA8, 0x00, 100, 0x81, 0x00, 0x00, 200),
                Arrays.copyOfRange(frame, 12, frame.length));
        byte[] options = concat(Arrays.copyOf(frame, 14), bytes(0x46), Arrays.copyOfRange(frame, 15, 34),
                bytes(1, 1, 1, 0), Arrays.copyOfRange(frame, 34, frame.length));
        options[14 + 3] += 4; // total length includes the 4 option bytes
        Path file = write(new CaptureBytes(ByteOrder.LITTLE_ENDIAN).classicHeader(ClassicPcapParser.MAGIC_NANOS, 1)
                .classicRecord(0, 0, qinq).classicRecord(0, 0, options).toByteArray());

        List<UdpDatagram> read = PcapRoundTripTest.readAll(file);
        assertThat(read).extracting(UdpDatagram::vlanId).containsExactly(100, -1);
        assertThat(read).allSatisfy(d -> assertThat(d.payload()).isEqualTo(plain.payload()));
    }

    @Test
    void ipv6HopByHopHeaderIsWalked() throws IOException {
        UdpDatagram v6 = PcapRoundTripTest.datagram(0, 0, Direction.RX, "fd00::1", 1, "fd00::2", 2, -1, bytes(5));
        byte[] plainV6 = new UdpFrameEncoder().encode(v6);
        byte[] withHop = concat(Arrays.copyOf(plainV6, 54), bytes(17, 0, 1, 4, 0, 0, 0, 0),
                Arrays.copyOfRange(plainV6, 54, plainV6.length));
        withHop[14 + 6] = 0; // next header: hop-by-hop
        withHop[14 + 5] += 8; // payload length

        assertThat(PcapRoundTripTest.readAll(write(new CaptureBytes(ByteOrder.LITTLE_ENDIAN)
                .classicHeader(ClassicPcapParser.MAGIC_NANOS, 1).classicRecord(0, 0, withHop).toByteArray())))
                .containsExactly(v6);
    }

    @Test
    void bigEndianPcapngWithDefaultAndBinaryResolutionsSimplePacketsAndOtherBlocks() throws IOException {
        byte[] file = new CaptureBytes(ByteOrder.BIG_ENDIAN).sectionHeader()
                .interfaceDescription(1, -1)          // microseconds
                .interfaceDescription(1, 0x80 | 10)   // 1/1024 s
                .block(4, new byte[8])                // name resolution
                .enhancedPacket(0, 1_500_000L, frame)
                .enhancedPacket(1, 1024L * 3 + 512, frame)
                .simplePacket(frame)
                .block(5, new byte[20])               // interface statistics
                .toByteArray();

        try (PcapReader reader = PcapReader.open(write(file), false)) {
            assertThat(reader.next()).isEqualTo(plain.withTimestampNanos(1_500_000_000L));
            assertThat(reader.next()).isEqualTo(new UdpDatagram(3_500_000_000L, 1, Direction.RX, plain.source(),
                    plain.sourcePort(), plain.destination(), plain.destinationPort(), -1, plain.payload()));
            assertThat(reader.next()).isEqualTo(plain.withTimestampNanos(3_500_000_000L));
            assertThat(reader.next()).isNull();
            assertThat(reader.skipCounts()).isEqualTo(Map.of(SkipReason.NON_PACKET_BLOCK, 2L));
        }
    }

    @Test
    void badMagicAndBadBlockLengthsNameTheirOffsets() throws IOException {
        assertThatThrownBy(() -> PcapReader.open(write(bytes(1, 2, 3, 4, 5, 6, 7, 8)), false))
                .isInstanceOf(LogFormatException.class).hasMessageContaining("at byte 0")
                .hasMessageContaining("not a pcap or pcapng file");
        byte[] pcapng = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).sectionHeader().interfaceDescription(1, 9)
                .enhancedPacket(0, 1, frame).toByteArray();
        pcapng[pcapng.length - 4] ^= 0x10; // trailing length of the EPB at offset 28 + 32
        try (PcapReader reader = PcapReader.open(write(pcapng), false)) {
            assertThatThrownBy(reader::next).isInstanceOf(LogFormatException.class)
                    .hasMessageContaining("at byte " + (pcapng.length - 4)).hasMessageContaining("trailing");
        }
    }

    @Test
    void truncatedLastRecordFailsWithItsOffsetOrIsRejectedWhenLenient() throws IOException {
        byte[] whole = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).classicHeader(ClassicPcapParser.MAGIC_NANOS, 1)
                .classicRecord(0, 1, frame).classicRecord(0, 2, frame).toByteArray();
        Path cut = write(Arrays.copyOf(whole, whole.length - 10));
        long secondRecord = 24 + 16 + frame.length;

        try (PcapReader reader = PcapReader.open(cut, false)) {
            assertThat(reader.next()).isNotNull();
            assertThatThrownBy(reader::next).isInstanceOf(LogFormatException.class)
                    .hasMessageContaining("at byte " + secondRecord + ": truncated: the file ends inside the packet "
                            + "record of " + (16 + frame.length) + " bytes (" + (16 + frame.length - 10) + " of ")
                    .hasMessageEndingWith("at least 1 record lost, 10 bytes missing");
        }
        try (PcapReader reader = PcapReader.open(cut, true)) {
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNull();
            assertThat(reader.stats().rejected()).isEqualTo(1);
            assertThat(reader.stats().truncation()).hasValueSatisfying(truncation -> {
                assertThat(truncation.byteOffset()).isEqualTo(secondRecord);
                assertThat(truncation.bytesMissing()).isEqualTo(10);
            });
        }
    }

    private Path write(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(dir, "capture", ".bin"), content);
    }

    private static UdpDatagram datagramOrThrow(long t, String source, String destination, int vlan) {
        try {
            return datagram(t, 0, Direction.RX, source, 40000, destination, 2368, vlan, bytes(0xCA, 0xFE, 1, 2, 3));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
