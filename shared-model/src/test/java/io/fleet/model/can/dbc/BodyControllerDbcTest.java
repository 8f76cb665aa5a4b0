package io.fleet.model.can.dbc;

import static io.fleet.model.can.dbc.DbcTestFiles.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device agent's example DBC: what the agent relies on when it encodes commands and decodes status. */
class BodyControllerDbcTest {

    private static final DbcDatabase DB = DbcTestFiles.parse(DbcTestFiles.bodyController());

    @Test
    void fileIsCleanAndDescribesAClassicStandardIdBus() {
        assertThat(DB.warnings()).isEmpty();
        assertThat(DB.version()).isEqualTo("1.0.0");
        assertThat(DB.nodes()).containsExactly("TCU", "BCM");
        assertThat(DB.busType()).contains("CAN");
        assertThat(DB.attributes()).containsEntry("Baudrate", "500000");
        assertThat(DB.comment()).contains("500 kbit/s");
        assertThat(DB.messages()).extracting(DbcMessage::name).containsExactly("TCU_BodyCommand",
                "TCU_WindowCommand", "BCM_BodyStatus", "BCM_WindowStatus", "BCM_VehicleStatus");
        assertThat(DB.messages()).allSatisfy(m -> {
            assertThat(m.isExtended()).isFalse();
            assertThat(m.isFd()).isFalse();
            assertThat(m.frameFormat()).isEqualTo("StandardCAN");
            assertThat(m.cycleTimeMillis()).isPresent();
            assertThat(m.comment()).isNotEmpty();
            assertThat(m.signals()).allSatisfy(s -> assertThat(s.byteOrder()).isEqualTo(SignalByteOrder.INTEL));
        });
        assertThat(DB.message(0x210, false).orElseThrow().sender()).isEqualTo("TCU");
        assertThat(DB.message(0x311, false).orElseThrow().cycleTimeMillis()).hasValue(200);
        assertThat(DB.valueTables()).containsOnlyKeys("DoorCommand", "DoorState");
    }

    @Test
    void encodesABodyCommandFromLabelsAndNumbers() {
        DbcMessage command = DB.message("TCU_BodyCommand").orElseThrow();

        byte[] payload = command.encode(Map.of("DoorCmd_FL", "Open", "LockCmd", "Unlock", "HeadlightCmd", "Auto",
                "ClimateCmd", "On", "ClimateTargetTempCmd", 21.5, "BodyCmd_Counter", 3));

        // Byte 0: DoorCmd_FL = 1 in bits 0-1. Byte 1: LockCmd = 2 (bits 8-9), HeadlightCmd = 3 (bits 12-13)
        // -> 0b0011_0010. Byte 2: ClimateCmd = 2. Byte 3: (21.5 - 16) / 0.5 = 11. Byte 7: counter 3 in bits 56-59.
        assertThat(payload).containsExactly(bytes(0x01, 0x32, 0x02, 0x0B, 0, 0, 0, 0x03));
        Map<String, SignalValue> decoded = command.decode(payload);
        assertThat(decoded.get("DoorCmd_FL").label()).contains("Open");
        assertThat(decoded.get("DoorCmd_FR").label()).contains("NoAction");
        assertThat(decoded.get("ClimateTargetTempCmd").physical()).isEqualTo(21.5);
    }

    @Test
    void unsetTargetsDefaultToNoChange() {
        DbcMessage windows = DB.message("TCU_WindowCommand").orElseThrow();

        byte[] payload = windows.encode(Map.of("WindowPosCmd_FL", 40, "WindowCmd_Counter", 1));

        // GenSigStartValue 255 = "NoChange" for the windows nobody asked to move.
        assertThat(payload).containsExactly(bytes(40, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0x01));
        assertThat(windows.decode(payload).get("WindowPosCmd_RR").label()).contains("NoChange");
        assertThat(DB.message("TCU_BodyCommand").orElseThrow().encode(Map.of())[3]).isEqualTo((byte) 0xFF);
    }

    @Test
    void rejectsCommandsOutsideTheirRange() {
        DbcMessage command = DB.message("TCU_BodyCommand").orElseThrow();
        assertThatThrownBy(() -> command.encode(Map.of("ClimateTargetTempCmd", 31.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signal 'ClimateTargetTempCmd': value 31.0 is out of range [16.0, 30.0] degC");
        assertThatThrownBy(() -> DB.message("TCU_WindowCommand").orElseThrow().encode(Map.of("WindowPosCmd_RL", 101)))
                .hasMessage("signal 'WindowPosCmd_RL': value 101.0 is out of range [0.0, 100.0] %");
        assertThatThrownBy(() -> command.encode(Map.of("TrunkCmd", "Ajar")))
                .hasMessage("signal 'TrunkCmd' has no value named 'Ajar' (known: [Close, Open, NoAction])");
    }

    @Test
    void decodesStatusFrames() {
        // VehicleSpeed 0x1F40 = 8000 * 0.01 = 80 km/h; Odometer 0x01E240 = 123456 * 0.1 = 12345.6 km;
        // FuelLevel 0x64 = 100 * 0.5 = 50 %.
        Map<String, SignalValue> vehicle = DB.message(0x312, false).orElseThrow()
                .decode(bytes(0x40, 0x1F, 0x40, 0xE2, 0x01, 0x64, 0, 0));
        assertThat(vehicle.get("VehicleSpeed").physical()).isEqualTo(80.0);
        assertThat(vehicle.get("Odometer").physical()).isEqualTo(12345.6);
        assertThat(vehicle.get("FuelLevel").physical()).isEqualTo(50.0);

        // Doors FL open, others closed; Locked; ignition On (2 in bits 14-15); cabin 0x5A = 90 * 0.5 - 40 = 5 degC.
        Map<String, SignalValue> body = DB.message("BCM_BodyStatus").orElseThrow()
                .decode(bytes(0x01, 0x81, 0x01, 0x0A, 0x5A, 0, 0, 0));
        assertThat(body.get("DoorState_FL").label()).contains("Open");
        assertThat(body.get("DoorState_RR").label()).contains("Closed");
        assertThat(body.get("LockState").label()).contains("Locked");
        assertThat(body.get("IgnitionState").label()).contains("On");
        assertThat(body.get("ClimateState").label()).contains("On");
        assertThat(body.get("ClimateTargetTemp").physical()).isEqualTo(21.0);
        assertThat(body.get("CabinTemp").physical()).isEqualTo(5.0);
        assertThat(body.get("CabinTemp").toString()).isEqualTo("CabinTemp=5.0 degC");
    }
}
