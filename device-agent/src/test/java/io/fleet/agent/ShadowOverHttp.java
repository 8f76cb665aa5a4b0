package io.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

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
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            return await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsInstanceOf(IOException.class) // the HTTP API is restarting
                    .until(() -> {
                        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(cloud, thing)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            last.set(JSON.readTree(response.body()));
                        }
                        return last.get();
                    }, shadow -> shadow != null && wanted.test(shadow));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("shadow of " + thing + " never matched; last: " + last.get(), e);
        }
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
