package io.fleet.cloud.broker;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.packets.general.DisconnectedReasonCode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes AWS IoT Core's lifecycle events for device clients, so connectivity is tracked the same way against
 * the embedded broker and AWS: {@code $aws/events/presence/connected/<clientId>} and
 * {@code .../disconnected/<clientId>} with AWS's payload fields (clientId, timestamp, eventType,
 * clientInitiatedDisconnect, disconnectReason, versionNumber). A disconnect caused by the same client id connecting
 * again (session take-over) is not reported, as the client is still online.
 *
 * <p>Threads: HiveMQ calls these methods on its own threads; publishing is asynchronous.
 */
final class PresenceEventPublisher implements ClientLifecycleEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceEventPublisher.class);

    private final TopicPolicy policy;
    private final Map<String, String> commonNames;
    private final Clock clock;

    PresenceEventPublisher(TopicPolicy policy, Map<String, String> commonNames, Clock clock) {
        this.policy = policy;
        this.commonNames = commonNames;
        this.clock = clock;
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        // reported after authentication, below
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        String clientId = input.getClientInformation().getClientId();
        if (isDevice(clientId)) {
            publish(clientId, "connected", "");
        }
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        String clientId = input.getClientInformation().getClientId();
        Optional<DisconnectedReasonCode> reason = input.getReasonCode();
        if (!isDevice(clientId) || reason.filter(r -> r == DisconnectedReasonCode.SESSION_TAKEN_OVER).isPresent()) {
            return;
        }
        boolean byClient = reason.filter(r -> r == DisconnectedReasonCode.NORMAL_DISCONNECTION
                || r == DisconnectedReasonCode.DISCONNECT_WITH_WILL_MESSAGE).isPresent();
        String why = byClient ? "CLIENT_INITIATED_DISCONNECT" : reason.map(Enum::name).orElse("CONNECTION_LOST");
        publish(clientId, "disconnected", ",\"clientInitiatedDisconnect\":" + byClient
                + ",\"disconnectReason\":\"" + why + "\"");
    }

    private boolean isDevice(String clientId) {
        String cn = commonNames.get(clientId);
        return cn != null && !policy.isService(cn);
    }

    private void publish(String clientId, String eventType, String extraFields) {
        long now = clock.millis();
        String json = "{\"clientId\":\"" + clientId + "\",\"timestamp\":" + now + ",\"eventType\":\"" + eventType
                + "\"" + extraFields + ",\"versionNumber\":0}";
        Services.publishService().publish(Builders.publish()
                        .topic("$aws/events/presence/" + eventType + "/" + clientId)
                        .qos(Qos.AT_LEAST_ONCE)
                        .payload(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)))
                        .build())
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.warn("could not publish presence event {} for {}: {}", eventType, clientId,
                                failure.toString());
                    }
                });
    }
}
