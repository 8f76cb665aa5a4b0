package io.fleet.model.can.dbc;

import static io.fleet.model.can.dbc.DbcTestFiles.bytes;
import static io.fleet.model.can.dbc.DbcTestFiles.parseText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frame-level decode and encode: multiplexing, floats, value tables, start values, rejected values. */
class DbcMessageTest {

    private static final DbcDatabase DB = parseText("VERSION \"\"\nNS_ :\nBS_:\nBU_: ECU TCU\n"
            + "BO_ 1280 Sensor: 8 ECU\n"
            + " SG_ Page M : 0|4@1+ (1,0) [0|0] \"\" TCU\n"
            + " SG_ Temperature m0 : 8|16@1- (0.1,0) [-40|125] \"degC\" TCU\n"
            + " SG_ Humidity m0 : 24|8@1+ (0.5,0) [0|100] \"%\" TCU\n"
            + " SG_ Pressure m1 : 15|16@0+ (0.01,900) [900|1100] \"hPa\" TCU\n"
            + " SG_ Ratio m2 : 32|32@1- (1,0) [0|0] \"\" TCU\n"
            + " SG_ Alive : 4|4@1+ (1,0) [0|15] \"\" TCU\n"
            + "BO_ 1281 Wide: 20 ECU\n"
            + " SG_ Energy : 0|64@1+ (1,0) [0|0] \"J\" TCU\n"
            + " SG_ Position : 71|64@0- (1,0) [0|0] \"\" TCU\n"
            + " SG_ Mode : 128|2@1+ (1,0) [0|0] \"\" TCU\n"
            + "SIG_VALTYPE_ 1280 Ratio : 1;\n"
            + "SIG_VALTYPE_ 1281 Position : 2;\n"
            + "BA_DEF_ SG_ \"GenSigStartValue\" INT 0 100000;\n"
            + "BA_DEF_DEF_ \"GenSigStartValue\" 0;\n"
            + "BA_ \"GenSigStartValue\" SG_ 1280 Alive 9;\n"
            + "VAL_ 1281 Mode 0 \"Off\" 1 \"Eco\" 2 \"Sport\" ;\n");
    private static final DbcMessage SENSOR = DB.message("Sensor").orElseThrow();
    private static final DbcMessage WIDE = DB.message("Wide").orElseThrow();

    @Test
    void decodesOnlyTheSignalsTheMultiplexorSelects() {
        // Page 0 with Alive = 7 in the high nibble of byte 0: Temperature = 0xFF38 LSB first at bytes 1-2 = -200 ->
        // -20.0 degC, Humidity 0x64 = 100 -> 50 %.
        byte[] page0 = bytes(0x70, 0x38, 0xFF, 0x64, 0, 0, 0, 0);

        Map<String, SignalValue> values = SENSOR.decode(page0);

        assertThat(values.keySet()).containsExactly("Page", "Temperature", "Humidity", "Alive");
        assertThat(values.get("Temperature").physical()).isEqualTo(-20.0);
        assertThat(values.get("Humidity").physical()).isEqualTo(50.0);
        assertThat(values.get("Alive").raw()).isEqualTo(7);

        // Page 1: Pressure is Motorola "15|16@0+" = bytes 1-2 MSB first: 0x27 0x10 = 10000 -> 900 + 100.00 hPa.
        Map<String, SignalValue> page1 = SENSOR.decode(bytes(0x01, 0x27, 0x10, 0, 0, 0, 0, 0));
        assertThat(page1.keySet()).containsExactly("Page", "Pressure", "Alive");
        assertThat(page1.get("Pressure").physical()).isEqualTo(1000.0);
    }

    @Test
    void encodesMultiplexedPagesAndRejectsSignalsOfAnotherPage() {
        byte[] payload = SENSOR.encode(Map.of("Page", 1, "Pressure", 1013.25));

        // 1013.25 hPa -> (1013.25 - 900) / 0.01 = 11325 = 0x2C3D, MSB first in bytes 1-2; Alive = start value 9.
        assertThat(payload).containsExactly(bytes(0x91, 0x2C, 0x3D, 0, 0, 0, 0, 0));
        assertThat(SENSOR.decode(payload).get("Pressure").physical()).isEqualTo(1013.25);
        assertThatThrownBy(() -> SENSOR.encode(Map.of("Page", 1, "Temperature", 20.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signal 'Temperature' is not sent when multiplexor 'Page' is 1");
    }

    @Test
    void floatSignals() {
        byte[] payload = SENSOR.encode(Map.of("Page", 2, "Ratio", -0.75));
        // IEEE binary32 of -0.75 is 0xBF400000, written LSB first into bytes 4-7.
        assertThat(payload).containsExactly(bytes(0x92, 0, 0, 0, 0x00, 0x00, 0x40, 0xBF));
        assertThat(SENSOR.decode(payload).get("Ratio").physical()).isEqualTo(-0.75);

        byte[] wide = WIDE.encode(Map.of("Position", Math.PI, "Energy", 1.0e18, "Mode", "Sport"));
        Map<String, SignalValue> values = WIDE.decode(wide);
        assertThat(values.get("Position").physical()).isEqualTo(Math.PI);
        assertThat(values.get("Energy").physical()).isEqualTo(1.0e18);
        assertThat(values.get("Mode").label()).contains("Sport");
    }

    @Test
    void sixtyFourBitUnsignedBeyondLongMaxValue() {
        // 2^64 - 2048 is exactly representable as a double and needs the top bit of the raw value.
        double big = 18_446_744_073_709_549_568.0;
        byte[] payload = WIDE.encode(Map.of("Energy", big));

        assertThat(payload[7]).isEqualTo((byte) 0xFF);
        assertThat(WIDE.decode(payload).get("Energy").physical()).isEqualTo(big);
        assertThatThrownBy(() -> WIDE.encode(Map.of("Energy", 0x1p64)))
                .hasMessageContaining("signal 'Energy': value 1.8446744073709552E19 does not fit its 64-bit unsigned");
        assertThatThrownBy(() -> WIDE.encode(Map.of("Energy", -1)))
                .hasMessageContaining("does not fit its 64-bit unsigned raw range (raw would be -1.0)");
    }

    @Test
    void outOfRangeValuesAreRejectedNamingSignalRangeAndValue() {
        assertThatThrownBy(() -> SENSOR.encode(Map.of("Page", 0, "Temperature", 130.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signal 'Temperature': value 130.0 is out of range [-40.0, 125.0] degC");
        assertThatThrownBy(() -> SENSOR.encode(Map.of("Page", 0, "Humidity", Double.NaN)))
                .hasMessage("signal 'Humidity': value NaN is not a finite number");
        assertThatThrownBy(() -> WIDE.encode(Map.of("Mode", "Turbo")))
                .hasMessage("signal 'Mode' has no value named 'Turbo' (known: [Off, Eco, Sport])");
        assertThatThrownBy(() -> WIDE.encode(Map.of("Gear", 3)))
                .hasMessage("message 'Wide' has no signal 'Gear' (has [Energy, Position, Mode])");
        assertThatThrownBy(() -> WIDE.encode(Map.of("Mode", true)))
                .hasMessageContaining("signal 'Mode': value must be a Number or a String, not java.lang.Boolean");
        // A range edge computed from the raw value is accepted despite floating-point error.
        assertThat(SENSOR.decode(SENSOR.encode(Map.of("Page", 0, "Temperature", -40.0))).get("Temperature")
                .physical()).isEqualTo(-40.0);
    }

    @Test
    void labelsMatchIgnoringCaseWhenNoExactMatch() {
        assertThat(WIDE.decode(WIDE.encode(Map.of("Mode", "eco"))).get("Mode").label()).contains("Eco");
    }

    @Test
    void truncatedPayloadsDecodeTheSignalsThatArePresent() {
        Map<String, SignalValue> values = SENSOR.decode(bytes(0x00, 0x38, 0xFF));

        assertThat(values.keySet()).containsExactly("Page", "Temperature", "Alive");
        assertThat(SENSOR.decode(new byte[0])).isEmpty();
    }

    @Test
    void frameDecodeMatchesPayloadDecodeAndFramesCarryTheRightFlags() {
        byte[] payload = bytes(0x70, 0x38, 0xFF, 0x64, 0, 0, 0, 0);
        CanFrame frame = CanFrame.classic(0, 1, 0x500, false, payload);

        assertThat(SENSOR.matches(frame)).isTrue();
        assertThat(DB.message(frame)).containsSame(SENSOR);
        assertThat(SENSOR.decode(frame)).isEqualTo(SENSOR.decode(payload));
        CanFrame wide = WIDE.encodeFrame(5, 2, Map.of("Mode", "Eco"));
        assertThat(wide.fd()).isTrue();
        assertThat(wide.bitRateSwitch()).isTrue();
        assertThat(wide.direction()).isEqualTo(Direction.TX);
        assertThat(wide.dataLength()).isEqualTo(20);
        assertThat(WIDE.decode(wide).get("Mode").label()).contains("Eco");
        assertThat(SENSOR.encodeFrame(5, 2, Map.of()).fd()).isFalse();
    }

    @Test
    void decodePhysicalFillsFileOrderAndMarksAbsentSignalsNaN() {
        double[] physical = new double[SENSOR.signals().size()];

        int decoded = SENSOR.decodePhysical(CanFrame.classic(0, 1, 0x500, false,
                bytes(0x71, 0x27, 0x10, 0, 0, 0, 0, 0)), physical);

        // File order: Page, Temperature, Humidity, Pressure, Ratio, Alive. Page 1 carries only Pressure.
        assertThat(decoded).isEqualTo(3);
        assertThat(physical).containsExactly(1.0, Double.NaN, Double.NaN, 1000.0, Double.NaN, 7.0);
        assertThatThrownBy(() -> SENSOR.decodePhysical(new byte[8], new double[2]))
                .hasMessageContaining("physical values array length must be at least the 6 signals");
    }

    @Test
    void decodedMapIsAnOrdinaryUnmodifiableMap() {
        Map<String, SignalValue> values = SENSOR.decode(bytes(0x70, 0x38, 0xFF, 0x64, 0, 0, 0, 0));

        assertThat(values).hasSize(4).containsKey("Humidity").doesNotContainKey("Pressure")
                .doesNotContainKey("Nothing");
        assertThat(values.get(42)).isNull();
        assertThat(new HashMap<>(values)).isEqualTo(values);
        assertThatThrownBy(() -> values.put("Page", values.get("Page")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> values.clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
