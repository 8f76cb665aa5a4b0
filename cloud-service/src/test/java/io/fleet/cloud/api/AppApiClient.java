package io.fleet.cloud.api;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/** The app API as a phone app uses it, for tests: bearer token, JSON, and the SSE event stream. */
public final class AppApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;
    /** Sent as {@code pin} with every command (unlocking and opening need it), or null. */
    private final String pin;

    public AppApiClient(String base, String token) {
        this(base, token, null);
    }

    private AppApiClient(String base, String token, String pin) {
        this.base = base;
        this.token = token;
        this.pin = pin;
    }

    /**
     * Sets the PIN of {@code user} (this client's own user, or any with an admin token) and returns a client that
     * sends it with every command, as the owner app does for unlocking and opening.
     */
    public AppApiClient withPin(String user, String newPin) throws Exception {
        Reply set = put("/api/users/" + user + "/pin", "{\"pin\":\"" + newPin + "\"}");
        if (set.status() != 204) {
            throw new IllegalStateException("PUT /api/users/" + user + "/pin: " + set);
        }
        return new AppApiClient(base, token, newPin);
    }

    public record Reply(int status, JsonNode body) {
    }

    public Reply get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    public Reply post(String path, String json) throws Exception {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").build());
    }

    public Reply put(String path, String json) throws Exception {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").build());
    }

    public Reply delete(String path) throws Exception {
        return send(request(path).DELETE().build());
    }

    /** POST /api/vehicles/{vin}/commands. */
    public Reply command(String vin, String attribute, String jsonValue) throws Exception {
        return post("/api/vehicles/" + vin + "/commands", "{\"attribute\":\"" + attribute + "\",\"value\":"
                + jsonValue + pinField() + "}");
    }

    /** POST /api/vehicles/{vin}/commands with {@code expiresInSeconds} (raw JSON). */
    public Reply command(String vin, String attribute, String jsonValue, String expiresInSeconds) throws Exception {
        return post("/api/vehicles/" + vin + "/commands", "{\"attribute\":\"" + attribute + "\",\"value\":"
                + jsonValue + ",\"expiresInSeconds\":" + expiresInSeconds + pinField() + "}");
    }

    private String pinField() {
        return pin == null ? "" : ",\"pin\":\"" + pin + "\"";
    }

    /** DELETE /api/vehicles/{vin}/commands/{id}. */
    public Reply cancel(String vin, String id) throws Exception {
        return delete("/api/vehicles/" + vin + "/commands/" + id);
    }

    /** Polls a command until {@code wanted} holds, for up to {@code timeout}; returns the last state seen. */
    public JsonNode awaitCommand(String vin, String id, Duration timeout, Predicate<JsonNode> wanted)
            throws Exception {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            return await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                last.set(get("/api/vehicles/" + vin + "/commands/" + id).body());
                return last.get();
            }, wanted);
        } catch (ConditionTimeoutException e) {
            return last.get();
        }
    }

    /**
     * {@code GET /api/campaigns/{id}} once {@code wanted} holds for it, polled for up to {@code timeout}; the timeout's
     * error shows the campaign as last seen.
     */
    public JsonNode awaitCampaign(long campaign, Duration timeout, Predicate<JsonNode> wanted) {
        return await("campaign " + campaign + " to get there").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/api/campaigns/" + campaign).body(), wanted);
    }

    /** The rig's entry in {@code GET /api/rigs} once {@code wanted} holds for it, polled for up to {@code timeout}. */
    public JsonNode awaitRig(String name, Duration timeout, Predicate<JsonNode> wanted) {
        return await("rig " + name + " in /api/rigs to get there").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> rig(name), rig -> !rig.isMissingNode() && wanted.test(rig));
    }

    /** The rig's entry in {@code GET /api/rigs}, or a missing node while it has none. */
    private JsonNode rig(String name) throws Exception {
        for (JsonNode rig : get("/api/rigs").body().path("rigs")) {
            if (rig.path("name").asText().equals(name)) {
                return rig;
            }
        }
        return JSON.missingNode();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Reply(response.statusCode(), body.isEmpty() ? JSON.nullNode() : JSON.readTree(body));
    }

    /** One SSE event: its name and JSON data. */
    public record Event(String name, JsonNode data) {
    }

    /** Opens {@code /api/vehicles/{vin}/events} (token as a query parameter, as a browser's EventSource does). */
    public EventStream events(String vin) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/vehicles/"
                + vin + "/events?access_token=" + token)).build(), HttpResponse.BodyHandlers.ofInputStream());
        return new EventStream(response);
    }

    /** Reads events on its own thread into a queue. */
    public static final class EventStream implements AutoCloseable {
        private final HttpResponse<InputStream> response;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final Thread reader;

        EventStream(HttpResponse<InputStream> response) {
            this.response = response;
            this.reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            if (response.statusCode() == 200) {
                reader.start();
            }
        }

        public int status() {
            return response.statusCode();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String name = null;
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        events.add(new Event(name, JSON.readTree(line.substring(6))));
                    }
                }
            } catch (IOException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        /** The next event matching {@code wanted} within {@code timeout}, skipping others; null if none came. */
        public Event next(Duration timeout, Predicate<Event> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
                if (event == null || wanted.test(event)) {
                    return event;
                }
            }
        }

        @Override
        public void close() throws IOException {
            reader.interrupt();
            response.body().close();
        }
    }
}
