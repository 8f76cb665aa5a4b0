package io.fleet.cloud.mqtt;

import io.fleet.cloud.broker.MqttEndpoint;
import io.fleet.cloud.broker.ServiceMqttConnector;
import io.fleet.cloud.jobs.JobsTopic;
import io.fleet.cloud.shadow.QueueingShadowPublisher;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Shadow requests through the service's own Paho MQTT 5 client on the (shared) request subscriptions, answers
 * through the same client. Works with any broker and lets several instances split the load. On a broker that cannot
 * divert requests inside itself (an external one) it takes the AWS IoT Jobs device requests the same way.
 */
public final class ClientShadowTransport implements ShadowTransport {

    private static final Logger LOG = LoggerFactory.getLogger(ClientShadowTransport.class);

    private final MqttEndpoint endpoint;
    private final String shareGroup;
    private final String instanceSuffix;
    private final boolean takesJobRequests;
    private final PahoShadowPublisher publisher = new PahoShadowPublisher();
    /** Where Jobs requests go; requests that come before {@link #attachJobs} wait for it. */
    private final CompletableFuture<RequestHandler> jobs = new CompletableFuture<>();
    private MqttAsyncClient mqtt;

    /**
     * @param instanceSuffix   client id suffix of this instance ({@code <CN>-<suffix>}), or null for the CN alone
     * @param takesJobRequests also subscribe to the Jobs device request topics ({@link JobsTopic#requestFilters})
     */
    public ClientShadowTransport(MqttEndpoint endpoint, String shareGroup, String instanceSuffix,
                                 boolean takesJobRequests) {
        this.endpoint = endpoint;
        this.shareGroup = shareGroup;
        this.instanceSuffix = instanceSuffix;
        this.takesJobRequests = takesJobRequests;
    }

    /** Takes one request; completes once it is answered. */
    @FunctionalInterface
    public interface RequestHandler {
        CompletableFuture<?> onRequest(String topic, byte[] payload);
    }

    /** Hands the Jobs device requests to {@code handler} (those taken so far included). */
    public void attachJobs(RequestHandler handler) {
        jobs.complete(handler);
    }

    @Override
    public QueueingShadowPublisher publisher() {
        return publisher;
    }

    @Override
    public void start(MqttShadowFrontend frontend) throws Exception {
        mqtt = new ServiceMqttConnector(endpoint, Duration.ofSeconds(10), instanceSuffix)
                .connect(new FrontendCallback(frontend, jobs, publisher), subscriptions())
                .get(60, TimeUnit.SECONDS);
        publisher.attach(mqtt);
    }

    @Override
    public void stopTakingRequests() {
        if (mqtt == null) {
            return;
        }
        try {
            mqtt.unsubscribe(Arrays.stream(subscriptions()).map(MqttSubscription::getTopic).toArray(String[]::new))
                    .waitForCompletion(5_000);
        } catch (MqttException e) {
            LOG.warn("could not unsubscribe shadow requests: {}", e.toString());
        }
    }

    private MqttSubscription[] subscriptions() {
        Stream<MqttSubscription> jobRequests = takesJobRequests
                ? Arrays.stream(JobsTopic.requestFilters(shareGroup)).map(filter -> new MqttSubscription(filter, 1))
                : Stream.empty();
        return Stream.concat(Arrays.stream(MqttShadowFrontend.subscriptions(shareGroup)), jobRequests)
                .toArray(MqttSubscription[]::new);
    }

    @Override
    public boolean isConnected() {
        return mqtt != null && mqtt.isConnected();
    }

    @Override
    public void close() {
        if (mqtt == null) {
            return;
        }
        try {
            mqtt.disconnect().waitForCompletion(5_000);
            mqtt.close();
        } catch (MqttException e) {
            LOG.warn("MQTT client did not close cleanly: {}", e.toString());
        }
    }

    /** Paho callback thread: requests go to the frontend; a reconnect lets queued answers flow again. */
    private static final class FrontendCallback implements MqttCallback {
        private final MqttShadowFrontend frontend;
        private final CompletableFuture<RequestHandler> jobs;
        private final PahoShadowPublisher publisher;

        FrontendCallback(MqttShadowFrontend frontend, CompletableFuture<RequestHandler> jobs,
                         PahoShadowPublisher publisher) {
            this.frontend = frontend;
            this.jobs = jobs;
            this.publisher = publisher;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (JobsTopic.isJobsTopic(topic)) {
                jobs.thenAccept(handler -> handler.onRequest(topic, message.getPayload()));
            } else {
                frontend.onMessage(topic, message.getPayload());
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                publisher.resume();
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("shadow service lost its MQTT connection: {}", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // acknowledgements are handled per publish by the publisher
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
