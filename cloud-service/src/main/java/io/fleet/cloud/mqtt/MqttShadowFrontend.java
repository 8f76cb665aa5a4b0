package io.fleet.cloud.mqtt;

import io.fleet.cloud.shadow.ShadowOperation;
import io.fleet.cloud.shadow.ShadowRequestTopic;
import io.fleet.cloud.shadow.ShadowService;
import io.fleet.model.shadow.ShadowName;
import io.fleet.model.shadow.ShadowTopic;
import io.fleet.model.shadow.ShadowTopicName;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes shadow requests off the broker. The subscriptions are MQTT 5 shared subscriptions, so several service
 * instances split the requests between them; each request is answered by whichever instance received it.
 *
 * <p>Threads: {@link #onMessage} runs on the MQTT client's callback thread; it parses the topic and hands the
 * request to the {@link ShadowService}, which never blocks.
 */
public final class MqttShadowFrontend {

    private static final Logger LOG = LoggerFactory.getLogger(MqttShadowFrontend.class);
    /**
     * Every topic one level below a shadow: get, update, delete, and what else a client may send there, which is
     * answered on {@code /rejected} (see {@link ShadowRequestTopic}). The service's own answers lie two levels down
     * ({@code update/accepted}), so it never receives them.
     */
    private static final List<String> REQUEST_FILTERS = List.of(
            "$aws/things/+/shadow/+", "$aws/things/+/shadow/name/+/+");

    private final ShadowService service;

    public MqttShadowFrontend(ShadowService service) {
        this.service = service;
    }

    /**
     * The QoS 1 subscriptions this frontend needs: shared in {@code shareGroup}, or plain when the group is empty
     * (one instance only; for brokers such as Mosquitto 2.0 that never deliver {@code $} topics to shared
     * subscriptions).
     */
    public static MqttSubscription[] subscriptions(String shareGroup) {
        return Arrays.stream(subscriptionFilters(shareGroup))
                .map(filter -> new MqttSubscription(filter, 1))
                .toArray(MqttSubscription[]::new);
    }

    /** The topic filters of {@link #subscriptions}, for unsubscribing. */
    public static String[] subscriptionFilters(String shareGroup) {
        String prefix = shareGroup == null || shareGroup.isEmpty() ? "" : "$share/" + shareGroup + "/";
        return REQUEST_FILTERS.stream().map(filter -> prefix + filter).toArray(String[]::new);
    }

    /** Handles one request; the returned future completes once it is answered (after its commit). */
    public CompletableFuture<?> onMessage(String topic, byte[] payload) {
        Optional<ShadowRequestTopic> parsed = ShadowRequestTopic.classify(topic);
        if (parsed.isEmpty()) {
            LOG.debug("ignoring message on {}", topic);
            return CompletableFuture.completedFuture(null);
        }
        if (parsed.get() instanceof ShadowRequestTopic.Unservable unservable) {
            return service.reject(unservable, payload);
        }
        ShadowTopicName request = ((ShadowRequestTopic.Request) parsed.get()).name();
        ShadowOperation operation = request.topic() == ShadowTopic.UPDATE ? ShadowOperation.UPDATE
                : request.topic() == ShadowTopic.GET ? ShadowOperation.GET : ShadowOperation.DELETE;
        return service.request(operation, request.shadow().thing().value(),
                request.shadow().name().map(ShadowName::value).orElse(null), payload, true);
    }
}
