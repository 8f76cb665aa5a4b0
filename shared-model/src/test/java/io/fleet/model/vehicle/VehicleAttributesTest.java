package io.fleet.model.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VehicleAttributesTest {

    @Test
    void windowShorthandsBecomePercent() {
        assertThat(valid("windows.fl", "down").value()).isEqualTo(100);
        assertThat(valid("windows.rr", "up").value()).isEqualTo(0);
        assertThat(valid("windows.fr", 40).value()).isEqualTo(40);
        assertThat(valid("windows.fr", 40.0).value()).isEqualTo(40);
    }

    @Test
    void invalidValuesAreRejectedWithAReason() {
        assertThat(reason("windows.fl", 101)).contains("0-100");
        assertThat(reason("windows.fl", "half")).contains("0-100");
        assertThat(reason("windows.xx", 10)).contains("unknown window");
        assertThat(reason("doors.fl", "ajar")).contains("open, closed");
        assertThat(reason("lock", true)).contains("locked, unlocked");
        assertThat(reason("headlights", "dim")).contains("on, off, auto");
        assertThat(reason("climate.target", 35)).contains("16 to 30");
        assertThat(reason("climate.target", "warm")).contains("16 to 30");
        assertThat(reason("climate.on", "yes")).contains("true or false");
        assertThat(reason("speed", 50)).contains("reported by the vehicle");
        assertThat(reason("warp_drive", "on")).contains("unknown attribute");
        assertThat(reason("horn_flash", Map.of())).contains("horn_flash");
        assertThat(reason("trunk", null)).contains("open, closed");
    }

    @Test
    void aHornFlashTokenOrAnAttributeLongerThan64CharactersIsRejectedNamingTheLimit() {
        assertThat(valid("horn_flash", "t".repeat(64)).value()).isEqualTo("t".repeat(64));
        assertThat(reason("horn_flash", "t".repeat(10_000)))
                .isEqualTo("horn_flash request token must be at most 64 characters (was 10000)");
        assertThat(reason("horn_flash", new BigInteger("9".repeat(65)))).contains("at most 64 characters (was 65)");
        assertThat(reason("horn_flash", new BigDecimal("1e999999999"))).contains("(was 1000000000)");
        assertThat(reason("horn_flash", new BigDecimal("-0.5e-70"))).contains("(was 74)");
        assertThat(valid("horn_flash", new BigDecimal("-1.25e3")).value()).isEqualTo(new BigDecimal("-1.25e3"));
        assertThat(reason("doors." + "f".repeat(100), "open")).isEqualTo("attribute must be at most 64 characters"
                + " (was 106)");
    }

    @Test
    void deltaIsSplitIntoLeavesAndWrongShapesAreRejected() {
        List<DesiredChange> changes = VehicleAttributes.parseDelta(Map.of(
                "doors", Map.of("fl", "open"), "climate", "hot"));
        assertThat(changes).extracting(DesiredChange::path).containsExactlyInAnyOrder("doors.fl", "climate");
        assertThat(changes).filteredOn(c -> c.path().equals("climate")).first()
                .isInstanceOf(DesiredChange.Invalid.class);
    }

    @Test
    void nestedLeafBuildsShadowJson() {
        assertThat(VehicleAttributes.nestedLeaf("windows.fl", 100)).isEqualTo(Map.of("windows", Map.of("fl", 100)));
        assertThat(VehicleState.fromNested(VehicleState.parked().toNested())).isEqualTo(VehicleState.parked());
    }

    private static Command valid(String path, Object raw) {
        DesiredChange change = VehicleAttributes.parse(path, raw);
        assertThat(change).isInstanceOf(DesiredChange.Valid.class);
        return ((DesiredChange.Valid) change).command();
    }

    private static String reason(String path, Object raw) {
        DesiredChange change = VehicleAttributes.parse(path, raw);
        assertThat(change).isInstanceOf(DesiredChange.Invalid.class);
        return ((DesiredChange.Invalid) change).reason();
    }
}
