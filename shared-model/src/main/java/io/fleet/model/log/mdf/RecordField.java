package io.fleet.model.log.mdf;

import io.fleet.model.log.LogFormatException;

/**
 * Extracts one channel's value from a fixed-length record, precomputed from its ##CN block so the per-record work
 * is a few shifts. Integers are read from cn_byte_offset (after the record id), shifted by cn_bit_offset and masked
 * to cn_bit_count; virtual channels (cn_type 3 and 6) take the record index as raw value, which a linear conversion
 * with factor 0 turns into a constant (CANedge: BusChannel, IDE and Dir of groups split by channel/direction).
 */
final class RecordField {

    private final String name;
    private final boolean virtual;
    private final int byteOffset;
    private final int bitOffset;
    private final int byteCount;
    private final long mask;
    private final int bitCount;
    private final boolean bigEndian;
    private final boolean signed;
    private final boolean floating;
    private final Conversion conversion;
    private final boolean identity;

    private RecordField(Channel channel) {
        this.name = channel.name();
        this.virtual = channel.isVirtual();
        this.byteOffset = (int) channel.byteOffset();
        this.bitOffset = channel.bitOffset();
        this.bitCount = (int) channel.bitCount();
        this.byteCount = (bitOffset + bitCount + 7) / 8;
        this.mask = bitCount >= 64 ? -1L : (1L << bitCount) - 1;
        int type = channel.dataType();
        this.bigEndian = type == 1 || type == 3 || type == 5;
        this.signed = type == 2 || type == 3;
        this.floating = type == 4 || type == 5;
        this.conversion = channel.conversion();
        this.identity = conversion.isIdentity();
    }

    /** A field for {@code channel}, checked to lie inside records of {@code recordLength} bytes. */
    static RecordField of(Channel channel, long recordLength, MdfBlockReader blocks) throws LogFormatException {
        if (!Conversion.isSupported(channel.conversion().type())) {
            throw blocks.error(channel.offset(), "channel " + channel.name() + " uses conversion type "
                    + channel.conversion().type() + ", which bus-logging decoding does not support");
        }
        if (channel.isVirtual()) {
            return new RecordField(channel);
        }
        int type = channel.dataType();
        boolean number = type <= 3 || ((type == 4 || type == 5) && (channel.bitCount() == 32
                || channel.bitCount() == 64));
        if (!number || channel.bitCount() < 1 || channel.bitOffset() + channel.bitCount() > 64
                || channel.byteOffset() + (channel.bitOffset() + channel.bitCount() + 7) / 8 > recordLength) {
            throw blocks.error(channel.offset(), "channel " + channel.name() + " (data type " + type + ", "
                    + channel.bitCount() + " bits at byte " + channel.byteOffset() + " bit " + channel.bitOffset()
                    + ") is not a number inside the " + recordLength + "-byte record");
        }
        return new RecordField(channel);
    }

    String name() {
        return name;
    }

    boolean isFloating() {
        return floating;
    }

    Conversion conversion() {
        return conversion;
    }

    /** The unconverted integer (record index for virtual channels). */
    long raw(byte[] record, long recordIndex) {
        if (virtual) {
            return recordIndex;
        }
        long value = 0;
        if (bigEndian) {
            for (int i = 0; i < byteCount; i++) {
                value = (value << 8) | (record[byteOffset + i] & 0xFF);
            }
        } else {
            for (int i = byteCount - 1; i >= 0; i--) {
                value = (value << 8) | (record[byteOffset + i] & 0xFF);
            }
        }
        value = (value >>> bitOffset) & mask;
        if (signed && bitCount < 64 && (value & (1L << (bitCount - 1))) != 0) {
            value |= ~mask;
        }
        return value;
    }

    /** The raw value as a number: floats decoded, integers widened. */
    double rawDouble(byte[] record, long recordIndex) {
        long bits = raw(record, recordIndex);
        if (floating && !virtual) {
            return bitCount == 32 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
        }
        return bits;
    }

    /** The converted value rounded to an integer: bus-logging fields (ID, DLC, channel, flags) are integers. */
    long value(byte[] record, long recordIndex) {
        if (identity && !floating) {
            return raw(record, recordIndex);
        }
        return Math.round(conversion.apply(rawDouble(record, recordIndex)));
    }
}
