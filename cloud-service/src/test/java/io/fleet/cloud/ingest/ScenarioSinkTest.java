package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fleet.cloud.config.SignalRolesConfig;
import io.fleet.cloud.ingest.scenario.Scenario;
import io.fleet.model.can.dbc.DbcDatabase;
import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.can.dbc.DbcParser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which decoded signals feed the detectors, in which unit, and the trip summary integrated from them. */
class ScenarioSinkTest {

    private static final DbcDatabase DBC = parse("""
            VERSION ""
            BU_:
            BO_ 256 Motion: 4 Vector__XXX
             SG_ Speed : 0|16@1+ (0.01,0) [0|655.35] "km/h" Vector__XXX
             SG_ Heading : 16|16@1+ (0.01,0) [0|655.35] "deg" Vector__XXX
            BO_ 2566844926 CCVS1: 8 Vector__XXX
             SG_ WheelBasedVehicleSpeed : 8|16@1+ (0.00390625,0) [0|250.996] "km/h" Vector__XXX
            BO_ 512 Odd: 2 Vector__XXX
             SG_ Speed : 0|16@1+ (1,0) [0|65535] "furlong/fortnight" Vector__XXX
            """);
    private static final long T0 = 1_700_000_000_000_000_000L;

    private static DbcDatabase parse(String text) {
        try {
            return DbcParser.parse("test.dbc", text);
        } catch (io.fleet.model.can.dbc.DbcFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DbcMessage message(String name) {
        return DBC.messages().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static LogSummary summary(double seconds) {
        Instant start = Instant.ofEpochSecond(0, T0);
        return new LogSummary("CANDUMP", Optional.of(start), Optional.of(start.plusMillis(Math.round(seconds * 1000))),
                1, Map.of(), List.of(), 0, List.of(), List.of());
    }

    @Test
    void speedInKmhIsConvertedToMetresPerSecondForDetectionAndIntegratedIntoTheTripDistance() throws Exception {
        ScenarioSink sink = new ScenarioSink(SignalRolesConfig.defaults());
        for (int second = 0; second <= 6; second++) {
            sink.frame(T0 + second * 1_000_000_000L, message("Motion"), new double[] {120, 90});
        }

        ScenarioFindings findings = sink.finish(summary(6));

        assertThat(findings.scenarios()).extracting(Scenario::type).containsExactly("high-speed");
        assertThat(findings.scenarios().get(0).values().get("maxSpeed")).isCloseTo(120 / 3.6, within(1e-9));
        assertThat(findings.trip().distanceMetres().orElseThrow()).isCloseTo(200, within(1e-6));
        assertThat(findings.trip().maxSpeed().orElseThrow()).isCloseTo(120 / 3.6, within(1e-9));
        assertThat(findings.trip().durationSeconds()).contains(6.0);
    }

    @Test
    void theRoleMapMakesAnotherSignalTheSpeed() throws Exception {
        ScenarioSink defaults = new ScenarioSink(SignalRolesConfig.defaults());
        ScenarioSink j1939 = new ScenarioSink(new SignalRolesConfig(List.of("WheelBasedVehicleSpeed"), null));
        for (int second = 0; second <= 12; second++) {
            defaults.frame(T0 + second * 1_000_000_000L, message("CCVS1"), new double[] {0});
            j1939.frame(T0 + second * 1_000_000_000L, message("CCVS1"), new double[] {0});
        }

        assertThat(defaults.finish(summary(12)).scenarios()).isEmpty();
        assertThat(defaults.finish(summary(12)).trip().distanceMetres()).isEmpty();
        assertThat(j1939.finish(summary(12)).scenarios()).extracting(Scenario::type).containsExactly("standstill");
    }

    @Test
    void aSpeedInAnUnknownUnitIsNotUsedAndSaysSo() throws Exception {
        ScenarioSink sink = new ScenarioSink(SignalRolesConfig.defaults());
        for (int second = 0; second <= 12; second++) {
            sink.frame(T0 + second * 1_000_000_000L, message("Odd"), new double[] {0});
        }

        ScenarioFindings findings = sink.finish(summary(12));

        assertThat(findings.scenarios()).isEmpty();
        assertThat(findings.warnings()).containsExactly("speed signal Odd.Speed has unit 'furlong/fortnight', not "
                + "m/s, km/h, kph, kmh or mph: not used for scenarios");
    }

    @Test
    void withoutAbsoluteTimeScenariosAreNotRecordedButTheDistanceIs() throws Exception {
        ScenarioSink sink = new ScenarioSink(SignalRolesConfig.defaults());
        for (int second = 0; second <= 12; second++) {
            sink.frame(second * 1_000_000_000L, message("Motion"), new double[] {0, 0});
        }

        ScenarioFindings findings = sink.finish(new LogSummary("CANDUMP", Optional.empty(), Optional.empty(), 13,
                Map.of(), List.of(), 0, List.of(), List.of()));

        assertThat(findings.scenarios()).isEmpty();
        assertThat(findings.warnings()).containsExactly(
                "1 scenarios not recorded: the log has no absolute time to place them on");
        assertThat(findings.trip().distanceMetres()).contains(0.0);
    }
}
