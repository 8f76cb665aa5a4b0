package io.fleet.model.can.dbc;

import static io.fleet.model.can.dbc.DbcTestFiles.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fleet.model.bus.CanFrame;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSS Electronics DBCs in {@code testdata/}, as written by real tools, with values read off the files. */
class DbcParserRealFilesTest {

    private static final DbcDatabase J1939 = DbcTestFiles.parse(DbcTestFiles.j1939Demo());
    private static final DbcDatabase GNSS = DbcTestFiles.parse(DbcTestFiles.gnss());

    @Test
    void j1939MessagesHaveExtendedIdsWithoutBit31() {
        assertThat(J1939.messages()).extracting(DbcMessage::name).containsExactly("EEC1", "CCVS1");
        DbcMessage eec1 = J1939.message("EEC1").orElseThrow();
        // BO_ 2364540158 = 0x8CF004FE: bit 31 set (extended), 29-bit id 0x0CF004FE (priority 3, PGN 61444, SA 0xFE).
        assertThat(eec1.id()).isEqualTo(0x0CF0_04FE);
        assertThat(eec1.isExtended()).isTrue();
        assertThat(eec1.length()).isEqualTo(8);
        assertThat(eec1.sender()).isEqualTo("Vector__XXX");
        assertThat(eec1.comment()).isEqualTo("Electronic Engine Controller 1");
        assertThat(J1939.message(0x0CF0_04FE, true)).containsSame(eec1);
        assertThat(J1939.message(0x0CF0_04FE, false)).isEmpty();
        // 2566844926 = 0x98FEF1FE -> CCVS1, PGN 65265.
        assertThat(J1939.message("CCVS1").orElseThrow().id()).isEqualTo(0x18FE_F1FE);
    }

    @Test
    void j1939EngineSpeedSignal() {
        DbcSignal speed = J1939.message("EEC1").orElseThrow().signal("EngineSpeed").orElseThrow();

        assertThat(speed.startBit()).isEqualTo(24);
        assertThat(speed.length()).isEqualTo(16);
        assertThat(speed.byteOrder()).isEqualTo(SignalByteOrder.INTEL);
        assertThat(speed.encoding()).isEqualTo(SignalEncoding.UNSIGNED);
        assertThat(speed.factor()).isEqualTo(0.125);
        assertThat(speed.offset()).isZero();
        assertThat(speed.minimum()).isZero();
        assertThat(speed.maximum()).isEqualTo(8031.875);
        assertThat(speed.unit()).isEqualTo("rpm");
        assertThat(speed.receivers()).containsExactly("Vector__XXX");
        // The comment ends in a UTF-8 ellipsis: the file is read as UTF-8.
        assertThat(speed.comment()).startsWith("Actual engine speed").endsWith("cylinders.\u2026");
        assertThat(speed.attributes()).containsEntry("SPN", "190");
    }

    @Test
    void j1939EngineSpeedDecodesFromKnownBytes() {
        // EEC1 bytes 4-5 (SPN 190) = 0x1368 LSB first = 4968 * 0.125 rpm/bit = 621 rpm; the rest is "not available".
        CanFrame frame = CanFrame.classic(0, 1, 0x0CF0_04FE, true,
                bytes(0xFF, 0xFF, 0xFF, 0x68, 0x13, 0xFF, 0xFF, 0xFF));
        DbcMessage eec1 = J1939.message(frame).orElseThrow();

        Map<String, SignalValue> values = eec1.decode(frame);

        assertThat(values.get("EngineSpeed").raw()).isEqualTo(4968);
        assertThat(values.get("EngineSpeed").physical()).isEqualTo(621.0);
        assertThat(values.get("EngineSpeed").unit()).isEqualTo("rpm");
    }

    @Test
    void j1939WheelBasedVehicleSpeedDecodes() {
        // CCVS1 SPN 84: bytes 2-3 (start bit 8), 1/256 km/h per bit. 0x00 0x32 LSB first = 0x3200 = 12800 -> 50 km/h.
        DbcMessage ccvs1 = J1939.message("CCVS1").orElseThrow();
        DbcSignal speed = ccvs1.signal("WheelBasedVehicleSpeed").orElseThrow();
        assertThat(speed.factor()).isEqualTo(0.00390625);
        assertThat(speed.maximum()).isEqualTo(250.996);
        assertThat(speed.unit()).isEqualTo("km/h");

        assertThat(ccvs1.decode(bytes(0xFF, 0x00, 0x32, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)).get("WheelBasedVehicleSpeed")
                .physical()).isEqualTo(50.0);
    }

    @Test
    void j1939AttributesResolveEnumsAndDefaults() {
        // VFrameFormat is an ENUM; "BA_ VFrameFormat BO_ 2364540158 3" is the index of "J1939PG". CCVS1 has no
        // BA_ of its own and gets the BA_DEF_DEF_ default, also "J1939PG".
        assertThat(J1939.message("EEC1").orElseThrow().frameFormat()).isEqualTo("J1939PG");
        assertThat(J1939.message("CCVS1").orElseThrow().frameFormat()).isEqualTo("J1939PG");
        assertThat(J1939.message("EEC1").orElseThrow().isFd()).isFalse();
        assertThat(J1939.message("EEC1").orElseThrow().cycleTimeMillis()).isEmpty();
        assertThat(J1939.busType()).contains("CAN");
        assertThat(J1939.attributes()).containsEntry("ProtocolType", "J1939")
                .containsEntry("DatabaseVersion", "1.0.0")
                .containsEntry("DatabaseCompiler", "CSS ELECTRONICS (WWW.CSSELECTRONICS.COM)");
        assertThat(J1939.version()).isEmpty();
        assertThat(J1939.warnings()).isEmpty();
    }

    @Test
    void gnssMessagesAndSignals() {
        DbcMessage position = GNSS.message(3, false).orElseThrow();
        assertThat(position.name()).isEqualTo("gnss_pos");
        assertThat(position.isExtended()).isFalse();
        assertThat(position.comment()).isEqualTo("GNSS position");
        DbcSignal latitude = position.signal("Latitude").orElseThrow();
        assertThat(latitude.startBit()).isEqualTo(1);
        assertThat(latitude.length()).isEqualTo(28);
        assertThat(latitude.factor()).isEqualTo(1e-6);
        assertThat(latitude.offset()).isEqualTo(-90);
        assertThat(latitude.unit()).isEqualTo("deg");
        assertThat(position.signal("Longitude").orElseThrow().length()).isEqualTo(29);
        assertThat(position.signal("PositionValid").orElseThrow().valueTable().labels())
                .containsExactly(Map.entry(0L, "Invalid"), Map.entry(1L, "Valid"));

        DbcMessage time = GNSS.message("gnss_time").orElseThrow();
        assertThat(time.length()).isEqualTo(6);
        DbcSignal epoch = time.signal("Epoch").orElseThrow();
        assertThat(epoch.length()).isEqualTo(40);
        assertThat(epoch.offset()).isEqualTo(1_577_840_400.0);

        DbcSignal speed = GNSS.message(7, false).orElseThrow().signal("Speed").orElseThrow();
        assertThat(speed.startBit()).isEqualTo(1);
        assertThat(speed.length()).isEqualTo(20);
        assertThat(speed.factor()).isEqualTo(0.001);
        assertThat(speed.unit()).isEqualTo("m/s");

        assertThat(GNSS.message(1, false).orElseThrow().signal("FixType").orElseThrow().label(3)).contains("3D-fix");
    }

    @Test
    void gnssPositionDecodes() {
        // PositionValid = bit 0, Latitude = bits 1..28, Longitude = bits 29..57, PositionAccuracy = bits 58..63.
        // Latitude 48.137154 deg -> raw (48.137154 + 90) / 1e-6 = 138137154; longitude 11.576124 deg -> 191576124;
        // accuracy 5 m. Build the 64-bit little-endian word from those fields and check the decode.
        long word = 1L | 138_137_154L << 1 | 191_576_124L << 29 | 5L << 58;
        byte[] payload = new byte[8];
        for (int i = 0; i < 8; i++) {
            payload[i] = (byte) (word >>> (8 * i));
        }

        Map<String, SignalValue> values = GNSS.message("gnss_pos").orElseThrow().decode(payload);

        assertThat(values.get("Latitude").physical()).isCloseTo(48.137154, within(1e-9));
        assertThat(values.get("Longitude").physical()).isCloseTo(11.576124, within(1e-9));
        assertThat(values.get("PositionAccuracy").physical()).isEqualTo(5.0);
        assertThat(values.get("PositionValid").label()).contains("Valid");
    }

    @Test
    void gnssRepeatedMessagesAndPlaceholderAreKeptAndReported() {
        // gnss.dbc defines every message twice (ids 1-9 and 17-25) under the same names; by name the first wins.
        assertThat(GNSS.messages()).hasSize(19);
        assertThat(GNSS.message("gnss_pos").orElseThrow().id()).isEqualTo(3);
        assertThat(GNSS.message(19, false).orElseThrow().name()).isEqualTo("gnss_pos");

        // Vector's placeholder for signals without a message: id 0xC0000000, 0 bytes, never matches a frame.
        DbcMessage placeholder = GNSS.message("VECTOR__INDEPENDENT_SIG_MSG").orElseThrow();
        assertThat(placeholder.length()).isZero();
        assertThat(placeholder.signals()).hasSizeGreaterThan(60);
        assertThat(GNSS.message(0, true)).isEmpty();
        DbcSignal current = placeholder.signal("BatteryCurrent").orElseThrow();
        assertThat(current.byteOrder()).isEqualTo(SignalByteOrder.MOTOROLA);
        assertThat(current.encoding()).isEqualTo(SignalEncoding.SIGNED);
        assertThat(current.minimum()).isEqualTo(-230);
        // It repeats the signal names "response" and "service": reported, first kept.
        assertThat(GNSS.warnings()).hasSize(4).allMatch(w -> w.startsWith("gnss.dbc:"))
                .anyMatch(w -> w.contains("SG_ response repeats a signal name in VECTOR__INDEPENDENT_SIG_MSG"));
        assertThat(GNSS.message("gnss_pos").orElseThrow().frameFormat()).isEmpty();
    }
}
