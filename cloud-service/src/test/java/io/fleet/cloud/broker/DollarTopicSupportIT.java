package io.fleet.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.broker.EmbeddedBrokerExtension.RunningBroker;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Guards the one HiveMQ internal we depend on. If a HiveMQ upgrade fails here, find the new way to allow PUBLISH to
 * {@code $} topics and change {@link DollarTopicSupport} only.
 */
@ExtendWith(EmbeddedBrokerExtension.class)
class DollarTopicSupportIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void hiveMqStillHasTheInternalFlagWeSet(RunningBroker broker) throws Exception {
        Class<?> internal = Class.forName("com.hivemq.configuration.service.InternalConfigurations");
        Field flag = internal.getField("MQTT_ALLOW_DOLLAR_TOPICS");

        assertThat(flag.getType()).as("type of InternalConfigurations.MQTT_ALLOW_DOLLAR_TOPICS")
                .isEqualTo(AtomicBoolean.class);
        assertThat(Modifier.isStatic(flag.getModifiers())).isTrue();
        assertThat(((AtomicBoolean) flag.get(null)).get()).as("flag after the broker started").isTrue();
        assertThat(DollarTopicSupport.isEnabled()).isTrue();
    }

    @Test
    void aDeviceCanPublishToItsShadowTopicAndASubscriberReceivesIt(RunningBroker broker) throws Exception {
        RecordingCallback serviceInbox = new RecordingCallback();
        MqttAsyncClient service = new ServiceMqttConnector(broker.serviceEndpoint(), TIMEOUT)
                .connect(serviceInbox, new MqttSubscription("$aws/things/x/shadow/update", 1))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        RecordingCallback deviceEvents = new RecordingCallback();
        MqttAsyncClient device = new ServiceMqttConnector(broker.endpointFor(broker.certificates().thing("x")),
                TIMEOUT).connect(deviceEvents).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        try {
            device.publish("$aws/things/x/shadow/update",
                    new MqttMessage("{\"state\":{}}".getBytes(StandardCharsets.UTF_8), 1, false, null))
                    .waitForCompletion(TIMEOUT.toMillis());

            assertThat(serviceInbox.nextMessage(TIMEOUT))
                    .as("HiveMQ delivers PUBLISH to a $ topic; if null, HiveMQ dropped or refused it")
                    .isEqualTo(new RecordingCallback.Received("$aws/things/x/shadow/update", "{\"state\":{}}"));
            assertThat(deviceEvents.nextDisconnect(Duration.ZERO)).as("device still connected").isNull();
        } finally {
            ServiceMqttConnector.closeQuietly(device);
            ServiceMqttConnector.closeQuietly(service);
        }
    }
}
