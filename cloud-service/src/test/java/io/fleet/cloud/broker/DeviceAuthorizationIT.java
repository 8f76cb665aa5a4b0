package io.fleet.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.broker.EmbeddedBrokerExtension.RunningBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.crt.mqtt5.PublishResult;
import software.amazon.awssdk.crt.mqtt5.packets.PubAckPacket.PubAckReasonCode;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubAckPacket.SubAckReasonCode;

/**
 * The AWS IoT policy, judged by the unmodified AWS IoT Device SDK v2: a device uses its own {@code $aws/things/<me>/}
 * and {@code vehicles/<me>/} topics and nothing else; the service sees everything. Every test uses its own thing
 * names and share groups, because the broker is shared by the whole run.
 */
@ExtendWith(EmbeddedBrokerExtension.class)
class DeviceAuthorizationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30); // generous: CI machines run builds beside
    private static final Duration QUIET = Duration.ofMillis(1500);

    @Test
    void aDevicePublishesAndSubscribesItsOwnShadowAndTelemetryTopics(RunningBroker broker) throws Exception {
        try (AwsDeviceClient car = AwsDeviceClient.connect(broker, "own-topics-car")) {
            assertThat(car.subscribe("$aws/things/own-topics-car/shadow/#").getReasonCodes())
                    .containsExactly(SubAckReasonCode.GRANTED_QOS_1);
            assertThat(car.subscribe("vehicles/own-topics-car/telemetry").getReasonCodes())
                    .containsExactly(SubAckReasonCode.GRANTED_QOS_1);

            PublishResult shadowUpdate = car.publish("$aws/things/own-topics-car/shadow/update",
                    "{\"state\":{\"reported\":{\"locked\":true}}}").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            PublishResult telemetry = car.publish("vehicles/own-topics-car/telemetry", "{\"speed\":42}")
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(shadowUpdate.getResultPubAck().getReasonCode()).isEqualTo(PubAckReasonCode.SUCCESS);
            assertThat(telemetry.getResultPubAck().getReasonCode()).isEqualTo(PubAckReasonCode.SUCCESS);
            assertThat(topicsOf(car, 2)).containsExactlyInAnyOrder(
                    "$aws/things/own-topics-car/shadow/update", "vehicles/own-topics-car/telemetry");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$aws/things/other-car/shadow/update/accepted",
        "$aws/things/+/shadow/update",
        "$aws/things/#",
        "#",
        "vehicles/+/telemetry",
        "$share/g/$aws/things/sub-refused-car/shadow/update",
    })
    void aDeviceMayNotSubscribeBeyondItsOwnTopics(String filter, RunningBroker broker) throws Exception {
        try (AwsDeviceClient car = AwsDeviceClient.connect(broker, "sub-refused-car")) {
            assertThat(car.subscribe(filter).getReasonCodes()).containsExactly(SubAckReasonCode.NOT_AUTHORIZED);

            // A refused SUBSCRIBE leaves the connection usable, as on AWS IoT.
            assertThat(car.subscribe("$aws/things/sub-refused-car/shadow/update/delta").getReasonCodes())
                    .containsExactly(SubAckReasonCode.GRANTED_QOS_1);
        }
    }

    @Test
    void aDevicePublishingToAnotherThingGetsNotAuthorizedAndNothingIsDelivered(RunningBroker broker) throws Exception {
        RecordingCallback serviceInbox = new RecordingCallback();
        MqttAsyncClient service = connectService(broker, serviceInbox,
                "$share/pub-refused/$aws/things/+/shadow/update");
        try (AwsDeviceClient attacker = AwsDeviceClient.connect(broker, "attacker-car")) {
            PublishResult result = attacker.publish("$aws/things/victim-car/shadow/update",
                    "{\"state\":{\"desired\":{\"locked\":false}}}").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            // MQTT 5 at QoS 1: refused by PUBACK reason code, as AWS IoT Core answers (MQTT 3.1.1 and QoS 0 are
            // disconnected: DevicePublishPolicyIT).
            assertThat(result.getResultPubAck().getReasonCode()).isEqualTo(PubAckReasonCode.NOT_AUTHORIZED);
            assertThat(serviceInbox.nextMessage(QUIET)).as("message delivered despite refusal").isNull();
        } finally {
            ServiceMqttConnector.closeQuietly(service);
        }
    }

    @Test
    void theServiceSeesEveryDeviceThroughSharedSubscriptions(RunningBroker broker) throws Exception {
        RecordingCallback serviceInbox = new RecordingCallback();
        MqttAsyncClient service = connectService(broker, serviceInbox,
                "$share/all-things/$aws/things/+/shadow/update", "$share/all-things/vehicles/+/telemetry");
        try (AwsDeviceClient first = AwsDeviceClient.connect(broker, "shared-car-1");
             AwsDeviceClient second = AwsDeviceClient.connect(broker, "shared-car-2")) {
            first.publish("$aws/things/shared-car-1/shadow/update", "{\"state\":{}}")
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            second.publish("$aws/things/shared-car-2/shadow/update", "{\"state\":{}}")
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            second.publish("vehicles/shared-car-2/telemetry", "{\"speed\":1}")
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            Set<String> topics = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                RecordingCallback.Received received = serviceInbox.nextMessage(TIMEOUT);
                assertThat(received).as("message %d of 3", i + 1).isNotNull();
                topics.add(received.topic());
            }
            assertThat(topics).containsExactlyInAnyOrder("$aws/things/shared-car-1/shadow/update",
                    "$aws/things/shared-car-2/shadow/update", "vehicles/shared-car-2/telemetry");
        } finally {
            ServiceMqttConnector.closeQuietly(service);
        }
    }

    @Test
    void theServicePublishesToADevicesShadowTopics(RunningBroker broker) throws Exception {
        MqttAsyncClient service = connectService(broker, new RecordingCallback());
        try (AwsDeviceClient car = AwsDeviceClient.connect(broker, "delta-car")) {
            car.subscribe("$aws/things/delta-car/shadow/update/delta");

            service.publish("$aws/things/delta-car/shadow/update/delta",
                    "{\"state\":{\"locked\":false}}".getBytes(StandardCharsets.UTF_8), 1, false)
                    .waitForCompletion(TIMEOUT.toMillis());

            PublishPacket delta = car.nextMessage(TIMEOUT);
            assertThat(delta).isNotNull();
            assertThat(new String(delta.getPayload(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"state\":{\"locked\":false}}");
        } finally {
            ServiceMqttConnector.closeQuietly(service);
        }
    }

    static MqttAsyncClient connectService(RunningBroker broker, RecordingCallback inbox, String... filters)
            throws Exception {
        MqttSubscription[] subscriptions = new MqttSubscription[filters.length];
        for (int i = 0; i < filters.length; i++) {
            subscriptions[i] = new MqttSubscription(filters[i], 1);
        }
        return new ServiceMqttConnector(broker.serviceEndpoint(), TIMEOUT).connect(inbox, subscriptions)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Set<String> topicsOf(AwsDeviceClient device, int count) throws InterruptedException {
        Set<String> topics = new HashSet<>();
        for (int i = 0; i < count; i++) {
            PublishPacket message = device.nextMessage(TIMEOUT);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            topics.add(message.getTopic());
        }
        return topics;
    }
}
