package io.fleet.agent.ecu.can;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fleet.model.can.dbc.DbcDatabase;
import io.fleet.model.can.dbc.DbcParser;
import io.fleet.model.can.dbc.SignalByteOrder;
import io.fleet.model.can.dbc.SignalEncoding;
import io.fleet.model.vehicle.VehicleState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled DBC against the signal map, and the map against another layout of the same signals: the adapter
 * depends on message and signal names only, so a Motorola, signed layout decodes to the same leaves.
 */
class BodyControllerDbcTest {

    /** The vehicle status as another supplier might lay it out: big-endian, speed signed (negative = reversing). */
    private static final String MOTOROLA_VEHICLE_STATUS = """
            VERSION ""
            NS_ :
            BS_:
            BU_: TCU BCM
            BO_ 786 BCM_VehicleStatus: 8 BCM
             SG_ VehicleSpeed : 7|16@0- (0.01,0) [-327.68|327.67] "km/h" TCU
             SG_ Odometer : 23|24@0+ (0.1,0) [0|1677721.5] "km" TCU
             SG_ FuelLevel : 47|8@0+ (0.5,0) [0|100] "%" TCU
            VAL_ 786 VehicleSpeed -32768 "SNA" ;
            """;

    @Test
    void bundledDbcParsesCleanlyAndHasEverySignalTheMapNames() throws Exception {
        DbcDatabase bundled = BodyControllerDbc.bundled();

        assertThat(bundled.warnings()).isEmpty();
        assertThat(CanSignalMap.bodyController().checkedAgainst(bundled).bindings()).hasSize(18);
        assertThat(BodyControllerDbc.load(Path.of("src/main/resources/dbc/body-controller.dbc")).messages())
                .as("usable by path too").hasSameSizeAs(bundled.messages());
    }

    @Test
    void aDbcWithoutAMappedSignalIsRejectedWithTheBindingNamed() throws Exception {
        DbcDatabase partial = DbcParser.parse("partial.dbc", MOTOROLA_VEHICLE_STATUS);

        assertThatThrownBy(() -> CanSignalMap.bodyController().checkedAgainst(partial))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partial.dbc has no message TCU_BodyCommand (needed for doors.fl)");
    }

    @Test
    void motorolaAndSignedSignalsDecodeToTheSameLeaves() throws Exception {
        DbcDatabase motorola = DbcParser.parse("motorola.dbc", MOTOROLA_VEHICLE_STATUS);
        assertThat(motorola.message("BCM_VehicleStatus").orElseThrow().signal("VehicleSpeed").orElseThrow())
                .satisfies(s -> {
                    assertThat(s.byteOrder()).isEqualTo(SignalByteOrder.MOTOROLA);
                    assertThat(s.encoding()).isEqualTo(SignalEncoding.SIGNED);
                });
        List<SignalBinding> reported = CanSignalMap.bodyController().bindings().stream()
                .filter(b -> b.commandSignal().isEmpty() && b.status().message().equals("BCM_VehicleStatus"))
                .toList();
        RecordingTransport bus = new RecordingTransport();
        try (CanEcuAdapter adapter = new CanEcuAdapter(motorola, new CanSignalMap(reported, List.of()), bus,
                VehicleState.parked(), Clock.systemUTC(), Duration.ofSeconds(1), Thread::new)) {
            // Speed -350 * 0.01 = -3.5 km/h (0xFEA2, reversing); odometer 0x01E240 = 12345.6 km from bit 23 (MSB of
            // byte 2) on; fuel 0x64 = 50 % in byte 5.
            bus.deliver(CanEcuAdapterTest.frame(0x312, "FEA201E240640000"));

            await().atMost(Duration.ofSeconds(2)).until(() -> Integer.valueOf(50).equals(adapter.state().get("fuel")));
            assertThat(adapter.state().get("speed")).as("reversing counts as moving").isEqualTo(4);
            assertThat(adapter.state().get("odometer")).isEqualTo(12345.6);
            assertThat(adapter.state().get("fuel")).isEqualTo(50);
        }
    }
}
