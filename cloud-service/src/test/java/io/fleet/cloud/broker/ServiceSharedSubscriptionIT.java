package io.fleet.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.broker.EmbeddedBrokerExtension.RunningBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two cloud-service instances, each with its own service certificate, share the shadow topics: every device
 * message reaches exactly one of them, and the survivors take over when one leaves. This is how the shadow service
 * scales out on MQTT 5.
 */
@ExtendWith(EmbeddedBrokerExtension.class)
class ServiceSharedSubscriptionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String SHARED_FILTER = "$share/shadow-service/$aws/things/+/shadow/update";
    private static final int MESSAGES = 20;

    @Test
    void eachShadowUpdateReachesExactlyOneServiceInstance(RunningBroker broker) throws Exception {
        RecordingCallback firstInbox = new RecordingCallback();
        RecordingCallback secondInbox = new RecordingCallback();
        MqttAsyncClient first = connect(broker.serviceEndpoint(), firstInbox);
        MqttAsyncClient second = connect(broker.endpointFor(
                broker.certificates().thing(EmbeddedBrokerExtension.SECOND_SERVICE_CN)), secondInbox);
        try (AwsDeviceClient car = AwsDeviceClient.connect(broker, "scaled-car")) {
            for (int i = 0; i < MESSAGES; i++) {
                car.publish("$aws/things/scaled-car/shadow/update", "{\"n\":" + i + "}")
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }

            List<String> firstPayloads = drain(firstInbox);
            List<String> secondPayloads = drain(secondInbox);
            List<String> all = new ArrayList<>(firstPayloads);
            all.addAll(secondPayloads);

            // HiveMQ may hand a burst to one member (it batches from the shared queue), so only the total is asserted.
            assertThat(all).as("every update delivered once across the group").hasSize(MESSAGES)
                    .doesNotHaveDuplicates();

            ServiceMqttConnector.closeQuietly(first);
            for (int i = 0; i < 5; i++) {
                car.publish("$aws/things/scaled-car/shadow/update", "{\"after-failover\":" + i + "}")
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            assertThat(drain(secondInbox)).as("the remaining instance takes over").hasSize(5);
        } finally {
            ServiceMqttConnector.closeQuietly(first);
            ServiceMqttConnector.closeQuietly(second);
        }
    }

    private static MqttAsyncClient connect(MqttEndpoint endpoint, RecordingCallback inbox) throws Exception {
        return new ServiceMqttConnector(endpoint, TIMEOUT).connect(inbox, new MqttSubscription(SHARED_FILTER, 1))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Everything received until the inbox stays quiet for a second. */
    private static List<String> drain(RecordingCallback inbox) throws InterruptedException {
        List<String> payloads = new ArrayList<>();
        RecordingCallback.Received received;
        while ((received = inbox.nextMessage(Duration.ofSeconds(1))) != null) {
            payloads.add(received.payload());
        }
        return payloads;
    }
}
