package io.fleet.cloud.vehicles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandResolutionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static VehicleCommand written(String attribute, Object value, long version) {
        return new VehicleCommand(UUID.randomUUID(), "car", attribute, value, CommandStatus.DELIVERED, null, version,
                "app", "alice", 0, 0, null);
    }

    private static JsonNode reported(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void theAgentsOutcomeForTheSameAttributeAndValueAtOrAfterTheWrittenVersionDecides() throws Exception {
        JsonNode reported = reported("{\"trunk\":\"closed\","
                + "\"lastCommand\":{\"attribute\":\"trunk\",\"value\":\"open\","
                + "\"desiredVersion\":7,\"status\":\"REJECTED\",\"reason\":\"the vehicle is moving\",\"at\":1}}");
        assertThat(CommandResolution.resolve(written("trunk", "open", 7), reported))
                .contains(new CommandResolution.Outcome(CommandStatus.REJECTED, "the vehicle is moving"));
        assertThat(CommandResolution.resolve(written("trunk", "open", 5), reported)).isPresent();
    }

    @Test
    void anOutcomeOfAnOlderDesiredVersionOrAnotherAttributeIsNotThisCommands() throws Exception {
        JsonNode reported = reported("{\"lastCommand\":{\"attribute\":\"trunk\",\"value\":\"open\","
                + "\"desiredVersion\":7,\"status\":\"SUCCEEDED\",\"reason\":null,\"at\":1}}");
        assertThat(CommandResolution.resolve(written("trunk", "open", 8), reported)).isEmpty();
        assertThat(CommandResolution.resolve(written("lock", "locked", 7), reported)).isEmpty();
        assertThat(CommandResolution.resolve(written("trunk", "open", 7), reported("{\"trunk\":\"open\"}"))).isEmpty();
    }

    @Test
    void anotherValueAtALaterVersionMeansALaterCommandReplacedThisOne() throws Exception {
        JsonNode reported = reported("{\"lastCommand\":{\"attribute\":\"windows.fl\",\"value\":0,"
                + "\"desiredVersion\":9,\"status\":\"SUCCEEDED\",\"at\":1}}");
        var outcome = CommandResolution.resolve(written("windows.fl", 100, 8), reported).orElseThrow();
        assertThat(outcome.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(outcome.reason()).contains("replaced by a later command");
    }

    @Test
    void theAgentsReceiptOfThisCommandMeansDeliveredAndTheReceiptOfALaterValueMeansReplaced() throws Exception {
        JsonNode receipt = reported("{\"lastCommand\":{\"attribute\":\"trunk\",\"value\":\"open\","
                + "\"desiredVersion\":7,\"status\":\"IN_PROGRESS\",\"reason\":null,\"at\":1}}");
        assertThat(CommandResolution.resolve(written("trunk", "open", 7), receipt))
                .contains(new CommandResolution.Outcome(CommandStatus.DELIVERED, null));
        assertThat(CommandResolution.resolve(written("trunk", "closed", 6), receipt).orElseThrow().status())
                .isEqualTo(CommandStatus.FAILED);
        assertThat(CommandResolution.resolve(written("trunk", "open", 8), receipt)).as("an older receipt").isEmpty();
    }

    @Test
    void numbersCompareByValue() throws Exception {
        JsonNode reported = reported("{\"climate\":{\"target\":21.0},\"lastCommand\":{\"attribute\":\"climate.target\","
                + "\"value\":21.0,\"desiredVersion\":3,\"status\":\"SUCCEEDED\",\"at\":1}}");
        assertThat(CommandResolution.resolve(written("climate.target", 21, 3), reported)).isPresent()
                .get().extracting(CommandResolution.Outcome::status).isEqualTo(CommandStatus.SUCCEEDED);
        assertThat(CommandResolution.alreadyReported("climate.target", 21, reported)).isTrue();
        assertThat(CommandResolution.alreadyReported("climate.on", true, reported)).isFalse();
    }
}
