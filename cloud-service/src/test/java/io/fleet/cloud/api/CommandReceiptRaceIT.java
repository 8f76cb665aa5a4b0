package io.fleet.cloud.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.users.User;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The receipt race end to end, with the real service and a car speaking MQTT: the car's receipt and refusal of a
 * command reach the service before the command's desired version is recorded, and a report about a later command
 * to another attribute then replaces {@code lastCommand}. The command must still reach its outcome (through
 * DELIVERED) instead of waiting PENDING for its expiry; before {@code RecentCommandReports} it stayed PENDING.
 */
@ExtendWith(CloudServiceExtension.class)
class CommandReceiptRaceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CAR = "carol-car";

    @Test
    void aReceiptAndOutcomeReplacedByALaterCommandsReportStillResolveTheCommand(RunningCloud cloud)
            throws Exception {
        AppApiClient carol = new AppApiClient(cloud.httpBase(),
                cloud.service().users().addUser("carol", User.Role.OWNER, List.of(CAR)));
        try (AwsDeviceClient car = cloud.device(CAR); AppApiClient.EventStream events = carol.events(CAR)) {
            report(car, JSON.createObjectNode().put("headlights", "off").put("lock", "unlocked"));
            long version = events.next(WAIT, e -> e.name().equals("shadow")
                    && e.data().at("/state/reported/headlights").asText().equals("off")).data().path("version")
                    .asLong();
            // The car's three reports take versions +1..+3, so the command's desired write will be version + 4;
            // the car answers that delta before the service has recorded the version on the command.
            long commandVersion = version + 4;
            report(car, lastCommand("headlights", "on", commandVersion, "IN_PROGRESS", null));
            report(car, lastCommand("headlights", "on", commandVersion, "REJECTED", "the battery is low"));
            report(car, lastCommand("lock", "locked", commandVersion + 1, "IN_PROGRESS", null));
            // Shadow events come from the tracker, after the reports before them were processed whole.
            assertThat(events.next(WAIT, e -> e.name().equals("shadow")
                    && e.data().at("/state/reported/lastCommand/attribute").asText().equals("lock"))).isNotNull();

            AppApiClient.Reply accepted = carol.command(CAR, "headlights", "\"on\"", "60");
            assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
            assertThat(accepted.body().path("desiredVersion").asLong())
                    .as("the version the car's receipt named (no other write came between)")
                    .isEqualTo(commandVersion);
            String id = accepted.body().path("id").asText();
            JsonNode command = carol.awaitCommand(CAR, id, WAIT, c -> !c.path("status").asText().equals("PENDING")
                    && !c.path("status").asText().equals("DELIVERED"));
            assertThat(command.path("status").asText()).as("not left PENDING: " + command).isEqualTo("REJECTED");
            assertThat(command.path("reason").asText()).isEqualTo("the battery is low");
            // The stream sends a command as it is when its change is read back, so DELIVERED may be skipped.
            assertThat(events.next(WAIT, e -> isCommand(e, id, "REJECTED"))).as("the outcome streamed").isNotNull();
            assertThat(carol.get("/api/vehicles/" + CAR).body().at("/shadow/state/reported/lastCommand/attribute")
                    .asText()).as("the later report is still the car's lastCommand").isEqualTo("lock");
        }
    }

    private static boolean isCommand(AppApiClient.Event event, String id, String status) {
        return event.name().equals("command") && event.data().path("id").asText().equals(id)
                && event.data().path("status").asText().equals(status);
    }

    private static ObjectNode lastCommand(String attribute, String value, long desiredVersion, String status,
                                          String reason) {
        ObjectNode reported = JSON.createObjectNode();
        reported.putObject("lastCommand").put("attribute", attribute).put("value", value)
                .put("desiredVersion", desiredVersion).put("status", status).put("reason", reason)
                .put("at", System.currentTimeMillis() / 1000);
        return reported;
    }

    private static void report(AwsDeviceClient car, ObjectNode reported) {
        ObjectNode update = JSON.createObjectNode();
        update.putObject("state").set("reported", reported);
        car.publish("$aws/things/" + CAR + "/shadow/update", update.toString()).join();
    }
}
