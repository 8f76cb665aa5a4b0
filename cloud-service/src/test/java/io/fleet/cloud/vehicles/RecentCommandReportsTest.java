package io.fleet.cloud.vehicles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The race of issue 17: the agent's receipt and outcome of a lock command, then its receipt of a window command,
 * all reach the tracker before the lock command's desired version is recorded. {@code lastCommand} then shows only
 * the window; the kept reports still hold the lock's receipt and outcome, in order, for the recheck to resolve.
 */
class RecentCommandReportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aReceiptAndOutcomeReplacedByAnotherAttributesReportAreStillFoundInOrder() throws Exception {
        RecentCommandReports reports = new RecentCommandReports();
        reports.add("car", report("lock", "locked", 7, "IN_PROGRESS"));
        reports.add("car", report("lock", "locked", 7, "SUCCEEDED"));
        reports.add("car", report("windows.fl", "down", 8, "IN_PROGRESS"));
        reports.add("other-car", report("lock", "unlocked", 3, "IN_PROGRESS"));

        List<JsonNode> lock = reports.about("car", "lock");
        assertThat(lock).extracting(r -> r.path("status").asText()).containsExactly("IN_PROGRESS", "SUCCEEDED");

        VehicleCommand written = new VehicleCommand(UUID.randomUUID(), "car", "lock", "locked", CommandStatus.PENDING,
                null, 7L, "app", "alice", 1, 1, 1_000L);
        assertThat(lock).extracting(r -> CommandResolution.resolve(written, reported(r)).orElseThrow().status())
                .as("what the recheck makes of them: the receipt, then the outcome")
                .containsExactly(CommandStatus.DELIVERED, CommandStatus.SUCCEEDED);
        assertThat(reports.about("car", "trunk")).isEmpty();
        assertThat(reports.about("no-such-car", "lock")).isEmpty();
    }

    @Test
    void onlyTheNewestReportsOfAVehicleAreKept() {
        RecentCommandReports reports = new RecentCommandReports();
        for (int version = 1; version <= RecentCommandReports.KEPT + 3; version++) {
            reports.add("car", report("lock", "locked", version, "SUCCEEDED"));
        }
        assertThat(reports.about("car", "lock")).extracting(r -> r.path("desiredVersion").asInt())
                .containsExactly(4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void aKeptReportIsACopyThatLaterChangesToTheDocumentDoNotReach() {
        RecentCommandReports reports = new RecentCommandReports();
        ObjectNode report = report("lock", "locked", 1, "IN_PROGRESS");
        reports.add("car", report);
        report.put("status", "SUCCEEDED");
        assertThat(reports.about("car", "lock").get(0).path("status").asText()).isEqualTo("IN_PROGRESS");
    }

    private static ObjectNode report(String attribute, String value, long desiredVersion, String status) {
        return JSON.createObjectNode().put("attribute", attribute).put("value", value)
                .put("desiredVersion", desiredVersion).put("status", status).put("at", 1);
    }

    private static JsonNode reported(JsonNode lastCommand) {
        ObjectNode reported = JSON.createObjectNode();
        reported.set("lastCommand", lastCommand);
        return reported;
    }
}
