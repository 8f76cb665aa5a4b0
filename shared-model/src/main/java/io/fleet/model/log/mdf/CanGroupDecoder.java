package io.fleet.model.log.mdf;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.Truncation;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the records of one CAN bus-logging channel group (ASAM MDF 4.1 "bus logging" associated standard) into
 * {@link CanFrame}s. Such a group has a time master channel and one structure channel named after the event type,
 * {@code CAN_DataFrame}, {@code CAN_RemoteFrame} or {@code CAN_ErrorFrame}, whose members locate the frame's fields:
 * BusChannel, ID (bit 31 may carry the IDE flag), IDE, DLC, DataLength, DataBytes (a fixed byte field, or a VLSD
 * channel whose record value is an offset into VLSD data), Dir (0 Rx, 1 Tx), EDL (FD frame), BRS and ESI.
 *
 * <p>Writers differ: CANedge 01.07 writes one group per bus/direction/IDE/FD combination, so BusChannel, Dir and IDE
 * are virtual constant channels and DataBytes is a fixed 8-byte field (a VLSD group for FD frames over 8 bytes);
 * CANedge 01.04 writes one group per event type with BusChannel as a 2-bit field and DataBytes always VLSD. Reading
 * the members by name handles both.
 */
final class CanGroupDecoder {

    enum Kind { DATA, REMOTE, ERROR, OTHER }

    private final Kind kind;
    private final TimeBase time;
    private final int defaultChannel;
    private RecordField busChannel;
    private RecordField id;
    private RecordField ide;
    private RecordField dlc;
    private RecordField dataLength;
    private RecordField dir;
    private RecordField edl;
    private RecordField brs;
    private RecordField esi;
    private int dataOffset;
    private int dataSize;
    private RecordField vlsdOffset;
    private VlsdCursor vlsd;
    private long recordIndex;

    private CanGroupDecoder(Kind kind, TimeBase time, int defaultChannel) {
        this.kind = kind;
        this.time = time;
        this.defaultChannel = defaultChannel;
    }

    static CanGroupDecoder of(MdfBlockReader blocks, Mdf4File file, DataGroup dataGroup, ChannelGroup group,
                              boolean lenient) throws IOException {
        long startNanos = file.startTimeNanos();
        long length = group.recordLength();
        Channel master = group.timeMaster();
        TimeBase time = new TimeBase(startNanos, master == null ? null : RecordField.of(master, length, blocks));
        int defaultChannel = channelNumber(group.sourceName());
        Channel frame = group.busEvent("CAN_DataFrame");
        Kind kind = Kind.DATA;
        if (frame == null && (frame = group.busEvent("CAN_RemoteFrame")) != null) {
            kind = Kind.REMOTE;
        }
        if (frame == null) {
            return new CanGroupDecoder(group.busEvent("CAN_ErrorFrame") != null ? Kind.ERROR : Kind.OTHER, time,
                    defaultChannel);
        }
        CanGroupDecoder decoder = new CanGroupDecoder(kind, time, defaultChannel);
        decoder.busChannel = optional(frame.member("BusChannel"), length, blocks);
        decoder.id = optional(frame.member("ID"), length, blocks);
        if (decoder.id == null) {
            throw blocks.error(frame.offset(), frame.name() + " has no ID member");
        }
        decoder.ide = optional(frame.member("IDE"), length, blocks);
        decoder.dlc = optional(frame.member("DLC"), length, blocks);
        decoder.dataLength = optional(frame.member("DataLength"), length, blocks);
        decoder.dir = optional(frame.member("Dir"), length, blocks);
        decoder.edl = optional(frame.member("EDL"), length, blocks);
        decoder.brs = optional(frame.member("BRS"), length, blocks);
        decoder.esi = optional(frame.member("ESI"), length, blocks);
        Channel bytes = frame.member("DataBytes");
        if (kind == Kind.DATA && bytes != null) {
            if (bytes.type() == Channel.VLSD) {
                // The record holds an unsigned offset (cn_data_type says "byte array" for the value it points to)
                Channel offset = new Channel(bytes.offset(), bytes.name(), Channel.FIXED, 0, 0, bytes.bitOffset(),
                        bytes.byteOffset(), bytes.bitCount(), 0, Conversion.IDENTITY, List.of());
                decoder.vlsdOffset = RecordField.of(offset, length, blocks);
                decoder.vlsd = VlsdCursor.of(blocks, dataGroup, bytes, file, lenient);
            } else if (bytes.byteOffset() + bytes.bitCount() / 8 > length || bytes.bitOffset() != 0) {
                throw blocks.error(bytes.offset(), "DataBytes field lies outside the " + length + "-byte record");
            } else {
                decoder.dataOffset = (int) bytes.byteOffset();
                decoder.dataSize = (int) (bytes.bitCount() / 8);
            }
        }
        return decoder;
    }

    /** Where the file was cut short inside the VLSD data of the frame that {@link #decode} found without it. */
    Optional<Truncation> vlsdTruncation() {
        return vlsd == null ? Optional.empty() : vlsd.truncation();
    }

    Kind kind() {
        return kind;
    }

    /**
     * Decodes one record of this group.
     *
     * @throws IllegalArgumentException when the record's values do not form a valid frame
     */
    CanFrame decode(byte[] record) throws IOException {
        long index = recordIndex++;
        long timestamp = time.epochNanos(record, index);
        int channel = busChannel == null ? defaultChannel : (int) busChannel.value(record, index);
        long rawId = id.value(record, index);
        boolean extended = (rawId & 0x8000_0000L) != 0 || (ide != null ? ide.value(record, index) != 0
                : rawId > CanFrame.MAX_STANDARD_ID);
        int frameId = (int) (rawId & CanFrame.MAX_EXTENDED_ID);
        boolean fd = edl != null && edl.value(record, index) != 0;
        boolean tx = dir != null && dir.value(record, index) != 0;
        Direction direction = tx ? Direction.TX : Direction.RX;
        if (kind == Kind.REMOTE) {
            return CanFrame.remote(timestamp, channel, frameId, extended, remoteDlc(record, index), direction);
        }
        boolean bitRateSwitch = fd && brs != null && brs.value(record, index) != 0;
        boolean errorState = fd && esi != null && esi.value(record, index) != 0;
        byte[] source = record;
        int from = dataOffset;
        int available = dataSize;
        if (vlsd != null) {
            available = vlsd.valueAt(vlsdOffset.raw(record, index));
            if (available < 0) {
                throw new IllegalArgumentException("its VLSD data bytes are missing");
            }
            source = vlsd.value();
            from = 0;
        }
        int length = available;
        if (dataLength != null) {
            length = (int) dataLength.value(record, index);
        } else if (dlc != null) {
            length = CanFrame.lengthForDlc((int) (dlc.value(record, index) & 0xF), fd);
        }
        if (length < 0 || length > available) {
            throw new IllegalArgumentException("data length " + length + " exceeds the " + available
                    + " stored data bytes");
        }
        byte[] data = Arrays.copyOfRange(source, from, from + length);
        if (fd) {
            return CanFrame.fd(timestamp, channel, frameId, extended, bitRateSwitch, errorState, direction, data);
        }
        CanFrame frame = CanFrame.data(timestamp, channel, frameId, extended, direction, data);
        // a classic frame's DLC 9-15 with its 8 bytes (len8 DLC) is kept as the bus carried it
        int rawDlc = dlc == null ? 0 : (int) (dlc.value(record, index) & 0xF);
        return rawDlc > 8 && length == 8 ? frame.withDlc(rawDlc) : frame;
    }

    /** CAN_RemoteFrame.DLC (0-15; 9-15 request 8 bytes), else its DataLength (the bytes requested), else 0. */
    private int remoteDlc(byte[] record, long index) {
        if (dlc != null) {
            return (int) (dlc.value(record, index) & 0xF);
        }
        return dataLength == null ? 0 : (int) Math.min(Math.max(dataLength.value(record, index), 0), 8);
    }

        private static RecordField optional(Channel channel, long recordLength, MdfBlockReader blocks)
            throws IOException {
        return channel == null ? null : RecordField.of(channel, recordLength, blocks);
    }

    /** "CAN2" -> 2: the bus number when a group has no BusChannel member; 0 if the source has no number. */
    private static int channelNumber(String sourceName) {
        if (sourceName == null) {
            return 0;
        }
        int end = sourceName.length();
        int start = end;
        while (start > 0 && Character.isDigit(sourceName.charAt(start - 1))) {
            start--;
        }
        return start < end && end - start < 6 ? Integer.parseInt(sourceName.substring(start, end)) : 0;
    }
}
