package io.fleet.model.can.dbc;

import static io.fleet.model.can.dbc.DbcTestFiles.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SignalCodecTest {

    private static final SignalByteOrder INTEL = SignalByteOrder.INTEL;
    private static final SignalByteOrder MOTOROLA = SignalByteOrder.MOTOROLA;

    @Test
    void intelSignalReadsLeastSignificantByteFirst() {
        // J1939 EEC1 EngineSpeed, SPN 190: bytes 4-5 of the PGN (0-based 3-4), LSB first, start bit 24.
        // 0x68 0x13 -> 0x1368 = 4968 raw.
        SignalCodec codec = new SignalCodec(24, 16, INTEL, SignalEncoding.UNSIGNED);
        byte[] payload = bytes(0xFF, 0xFF, 0xFF, 0x68, 0x13, 0xFF, 0xFF, 0xFF);

        assertThat(codec.extract(payload)).isEqualTo(4968);
        assertThat(codec.requiredBytes()).isEqualTo(5);
    }

    @Test
    void motorolaSignalOfWholeBytesReadsMostSignificantByteFirst() {
        // canmatrix's byte-order wiki: "7|32@0" covers bytes 0-3, MSB = bit 7 of byte 0, LSB = bit 0 of byte 3
        // (which CANdb++ shows as bit 24). So 12 34 56 78 is 0x12345678.
        SignalCodec codec = new SignalCodec(7, 32, MOTOROLA, SignalEncoding.UNSIGNED);

        assertThat(codec.extract(bytes(0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0))).isEqualTo(0x12345678L);
        assertThat(codec.requiredBytes()).isEqualTo(4);
    }

    @Test
    void motorolaSignalCrossingTwoByteBoundaries() {
        // "12|18@0+": the MSB is DBC bit 12 = byte 1, bit 4. Going down from there: byte 1 bits 4..0 (5 bits), then
        // the sawtooth jumps to byte 2 bits 7..0 (8 bits), then byte 3 bits 7..3 (5 bits): 5 + 8 + 5 = 18.
        // Payload: byte 1 = 0x15 (low 5 bits 10101), byte 2 = 0xC3 (11000011), byte 3 = 0xF8 (top 5 bits 11111).
        // Raw = 10101 11000011 11111 (binary) = 0x15 << 13 | 0xC3 << 5 | 0x1F = 172032 + 6240 + 31 = 178303.
        // Bits outside the signal (byte 1 top 3, byte 3 low 3) are set in the second payload and must not leak.
        SignalCodec codec = new SignalCodec(12, 18, MOTOROLA, SignalEncoding.UNSIGNED);

        assertThat(codec.extract(bytes(0x00, 0x15, 0xC3, 0xF8))).isEqualTo(178_303);
        assertThat(codec.extract(bytes(0xFF, 0xF5, 0xC3, 0xFF))).isEqualTo(178_303);
        assertThat(codec.requiredBytes()).isEqualTo(4);
        byte[] encoded = new byte[4];
        codec.insert(178_303, encoded);
        assertThat(encoded).containsExactly(bytes(0x00, 0x15, 0xC3, 0xF8));
    }

    @Test
    void motorolaNibbleSignalStartingMidByte() {
        // "3|12@0+": byte 0 bits 3..0 are the top nibble, byte 1 the low byte. A5 3C -> 0x5 << 8 | 0x3C = 0x53C.
        SignalCodec codec = new SignalCodec(3, 12, MOTOROLA, SignalEncoding.UNSIGNED);

        assertThat(codec.extract(bytes(0xA5, 0x3C))).isEqualTo(0x53C);
        byte[] payload = bytes(0xA0, 0x00);
        codec.insert(0x53C, payload);
        assertThat(payload).containsExactly(bytes(0xA5, 0x3C));
    }

    @Test
    void signedSignalsAreSignExtended() {
        // Intel "4|12@1-": -5 is 0xFFB in 12 bits; low nibble B in byte 0's high nibble, FF in byte 1.
        SignalCodec intel = new SignalCodec(4, 12, INTEL, SignalEncoding.SIGNED);
        assertThat(intel.extract(bytes(0xB0, 0xFF))).isEqualTo(-5);
        // Motorola "7|16@0-": FF 38 = 0xFF38 = -200.
        SignalCodec motorola = new SignalCodec(7, 16, MOTOROLA, SignalEncoding.SIGNED);
        assertThat(motorola.extract(bytes(0xFF, 0x38))).isEqualTo(-200);
        // The smallest and largest values of a 1-bit and an 8-bit signed signal.
        assertThat(new SignalCodec(0, 1, INTEL, SignalEncoding.SIGNED).extract(bytes(0x01))).isEqualTo(-1);
        assertThat(new SignalCodec(0, 8, INTEL, SignalEncoding.SIGNED).extract(bytes(0x80))).isEqualTo(-128);
        assertThat(new SignalCodec(0, 8, INTEL, SignalEncoding.SIGNED).extract(bytes(0x7F))).isEqualTo(127);
    }

    @Test
    void sixtyFourBitSignalsInBothOrders() {
        byte[] payload = bytes(0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08);

        assertThat(new SignalCodec(0, 64, INTEL, SignalEncoding.UNSIGNED).extract(payload))
                .isEqualTo(0x0807060504030201L);
        assertThat(new SignalCodec(7, 64, MOTOROLA, SignalEncoding.UNSIGNED).extract(payload))
                .isEqualTo(0x0102030405060708L);
        assertThat(new SignalCodec(0, 64, INTEL, SignalEncoding.UNSIGNED).extract(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0xFF))).isEqualTo(-1L);
    }

    @Test
    void unalignedSixtyFourBitSignalsSpanNineBytesOfAnFdPayload() {
        Random random = new Random(64);
        for (SignalCodec codec : new SignalCodec[] {new SignalCodec(4, 64, INTEL, SignalEncoding.UNSIGNED),
                new SignalCodec(3, 64, MOTOROLA, SignalEncoding.SIGNED)}) {
            assertThat(codec.requiredBytes()).isEqualTo(9);
            for (int i = 0; i < 1000; i++) {
                long raw = random.nextLong();
                byte[] payload = new byte[12];
                random.nextBytes(payload);
                codec.insert(raw, payload);
                assertThat(codec.extract(payload)).isEqualTo(raw);
            }
        }
    }

    @Test
    void insertLeavesOtherBitsAlone() {
        SignalCodec codec = new SignalCodec(12, 18, MOTOROLA, SignalEncoding.UNSIGNED);
        byte[] payload = bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF);

        codec.insert(0, payload);

        // Byte 1 keeps bits 7..5, byte 3 keeps bits 2..0.
        assertThat(payload).containsExactly(bytes(0xFF, 0xE0, 0x00, 0x07, 0xFF));
    }

    @Test
    void wordFastPathAgreesWithByteLoopForEveryPlacementInEightBytes() {
        Random random = new Random(8);
        for (SignalByteOrder order : SignalByteOrder.values()) {
            for (int length = 1; length <= 64; length++) {
                for (int startBit = 0; startBit < 64; startBit++) {
                    SignalCodec codec;
                    try {
                        codec = new SignalCodec(startBit, length, order, SignalEncoding.SIGNED);
                    } catch (IllegalArgumentException e) {
                        continue;
                    }
                    if (codec.requiredBytes() > 8) {
                        continue;
                    }
                    byte[] payload = new byte[random.nextInt(8 - codec.requiredBytes() + 1) + codec.requiredBytes()];
                    random.nextBytes(payload);
                    long littleEndian = SignalCodec.littleEndianWord(payload);
                    long bigEndian = SignalCodec.bigEndianWord(payload);
                    assertThat(codec.extract(littleEndian, bigEndian)).as("%s in %d bytes", codec, payload.length)
                            .isEqualTo(codec.extract(payload));
                }
            }
        }
    }

    @Test
    void signalInTheMiddleOfA64BytePayload() {
        SignalCodec codec = new SignalCodec(40 * 8 + 7, 16, MOTOROLA, SignalEncoding.UNSIGNED);
        byte[] payload = new byte[64];
        payload[40] = 0x12;
        payload[41] = 0x34;

        assertThat(codec.extract(payload)).isEqualTo(0x1234);
        assertThat(codec.requiredBytes()).isEqualTo(42);
    }

    @Test
    void rejectsImpossibleLayouts() {
        assertThatThrownBy(() -> new SignalCodec(0, 65, INTEL, SignalEncoding.UNSIGNED))
                .hasMessageContaining("signal length");
        assertThatThrownBy(() -> new SignalCodec(0, 16, INTEL, SignalEncoding.FLOAT32))
                .hasMessageContaining("float signal length must be 32");
        assertThatThrownBy(() -> new SignalCodec(505, 16, INTEL, SignalEncoding.UNSIGNED))
                .hasMessageContaining("must end within 64 bytes");
        SignalCodec codec = new SignalCodec(24, 16, INTEL, SignalEncoding.UNSIGNED);
        assertThatThrownBy(() -> codec.extract(new byte[4])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload of 4 bytes is too short").hasMessageContaining("needs 5");
    }
}
