package io.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** What the agent tests do to a shadow from the cloud side: set desired state and wait for the reported one. */
public final class ShadowOverHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ShadowOverHttp() {
    }

    /** Writes {@code {"state":{"desired": <desired>}}} through the HTTP shadow API and expects 200. */
    public static void setDesired(RunningCloud cloud, String thing, String desired) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(cloud, thing))
                .POST(HttpRequest.BodyPublishers.ofString("{\"state\":{\"desired\":" + desired + "}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Polls the shadow until {@code wanted} holds; tolerates an HTTP API that is restarting meanwhile. */
    public static JsonNode awaitShadow(RunningCloud cloud, String thing, Duration timeout, Predicate<JsonNode> wanted)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(cloud, thing)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    last = JSON.readTree(response.body());
                    if (wanted.test(last)) {
                        return last;
                    }
                }
            } catch (IOException notUpYet) {
                // the HTTP API is restarting
            }
            Thread.sleep(50);
        }
        throw new AssertionError("shadow of " + thing + " never matched; last: " + last);
    }

    private static URI uri(RunningCloud cloud, String thing) {
        return URI.create(cloud.httpBase() + "/things/" + thing + "/shadow");
    }

    /** Whether the shadow holds the outcome (not merely the agent's receipt) of a command to {@code attribute}. */
    public static boolean outcomeOf(JsonNode shadow, String attribute) {
        return shadow.at("/state/reported/lastCommand/attribute").asText().equals(attribute)
                && !shadow.at("/state/reported/lastCommand/status").asText().equals("IN_PROGRESS");
    }
}
