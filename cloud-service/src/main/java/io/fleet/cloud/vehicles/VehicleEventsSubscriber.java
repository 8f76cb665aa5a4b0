package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.broker.MqttEndpoint;
import io.fleet.cloud.broker.ServiceMqttConnector;
import io.fleet.model.shadow.ExactJson;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link CommandTracker} from the broker, the same way against the embedded broker and AWS IoT Core: every
 * classic shadow's {@code $aws/things/+/shadow/update/documents} and the lifecycle events {@code
 * $aws/events/presence/+/+}; and keeps the agents' counters from {@code vehicles/+/metrics} (QoS 0: each message
 * carries the totals) on the {@link AgentMetricsBoard}. Plain (not shared) subscriptions: every service instance needs
 * every event for its own event streams; the tracker's conditional updates keep the stored outcome single.
 *
 * <p>Threads: Paho's callback thread only parses and hands each message to the single {@code events} thread, which
 * keeps one vehicle's events in order.
 */
public final class VehicleEventsSubscriber implements MqttCallback, AutoCloseable {

    static final String DOCUMENTS = "$aws/things/+/shadow/update/documents";
    static final String PRESENCE = "$aws/events/presence/+/+";
    static final String METRICS = "vehicles/+/metrics";
    private static final Logger LOG = LoggerFactory.getLogger(VehicleEventsSubscriber.class);
    private static final ObjectMapper JSON = ExactJson.newMapper();

    private final CommandTracker tracker;
    private final AgentMetricsBoard agents;
    private final ExecutorService events;
    private volatile MqttAsyncClient client;

    private VehicleEventsSubscriber(CommandTracker tracker, AgentMetricsBoard agents, ExecutorService events) {
        this.tracker = tracker;
        this.agents = agents;
        this.events = events;
    }

    static CompletableFuture<VehicleEventsSubscriber> connect(MqttEndpoint endpoint, CommandTracker tracker,
                                                              AgentMetricsBoard agents, ExecutorService events) {
        VehicleEventsSubscriber subscriber = new VehicleEventsSubscriber(tracker, agents, events);
        String suffix = "events-" + UUID.randomUUID().toString().substring(0, 8);
        return new ServiceMqttConnector(endpoint, Duration.ofSeconds(10), suffix)
                .connect(subscriber, new MqttSubscription(DOCUMENTS, 1), new MqttSubscription(PRESENCE, 1),
                        new MqttSubscription(METRICS, 0))
                .thenApply(client -> {
                    subscriber.client = client;
                    return subscriber;
                });
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        String[] levels = topic.split("/");
        JsonNode body;
        try {
            body = JSON.readTree(message.getPayload());
        } catch (IOException e) {
            LOG.warn("ignoring unreadable message on {}: {}", topic, e.getMessage());
            return;
        }
        events.execute(() -> {
            try {
                if (levels.length == 5 && levels[1].equals("events")) {
                    tracker.onPresence(levels[4], levels[3].equals("connected"),
                            body.path("timestamp").asLong(System.currentTimeMillis()));
                } else if (levels.length == 6 && levels[1].equals("things")) {
                    tracker.onDocuments(levels[2], body);
                } else if (levels.length == 3 && levels[2].equals("metrics") && body.isObject()) {
                    agents.record(levels[1], (com.fasterxml.jackson.databind.node.ObjectNode) body);
                }
            } catch (Exception e) {
                LOG.warn("could not handle {}: {}", topic, e.toString());
            }
        });
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        LOG.warn("vehicle events lost their MQTT connection: {}", response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("vehicle events MQTT error: {}", exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // subscribe only
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        if (reconnect) {
            LOG.info("vehicle events reconnected to {}", serverUri);
        }
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    @Override
    public void close() {
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            c.disconnect().waitForCompletion(5_000);
            c.close();
        } catch (MqttException e) {
            LOG.warn("vehicle events MQTT client did not close cleanly: {}", e.toString());
        }
    }
}
