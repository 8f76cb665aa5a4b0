package io.fleet.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.broker.EmbeddedBrokerExtension.RunningBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.crt.mqtt.MqttClientConnection;
import software.amazon.awssdk.crt.mqtt.MqttClientConnectionEvents;
import software.amazon.awssdk.crt.mqtt.MqttMessage;
import software.amazon.awssdk.crt.mqtt.QualityOfService;
import software.amazon.awssdk.crt.mqtt5.PublishResult;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.DisconnectPacket;
import software.amazon.awssdk.crt.mqtt5.packets.DisconnectPacket.DisconnectReasonCode;
import software.amazon.awssdk.crt.mqtt5.packets.PubAckPacket.PubAckReasonCode;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.iot.AwsIotMqttConnectionBuilder;

/**
 * A device cannot forge the service's answers (issue 15, item 4): it publishes requests only, never on the topics
 * the shadow and jobs services answer on, and nobody stores a retained message on a {@code $aws/} topic. Judged by
 * the unmodified AWS IoT Device SDK v2 clients, MQTT 5 and MQTT 3.1.1. Each test uses its own thing names, so no
 * message from another test (or a retained one stored earlier) can make it pass or fail.
 */
@ExtendWith(EmbeddedBrokerExtension.class)
class DevicePublishPolicyIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final String FORGED = "{\"state\":{\"desired\":{\"locked\":false}},\"version\":999}";

    @ParameterizedTest
    @ValueSource(strings = {"update/accepted", "update/delta", "update/documents", "get/accepted", "delete/rejected",
        "name/doors/update/delta"})
    void anMqtt5DevicePublishingOnItsAnswerTopicsGetsNotAuthorizedAndNothingIsDelivered(String answer,
                                                                                       RunningBroker broker)
            throws Exception {
        String topic = "$aws/things/forger-" + answer.hashCode() + "/shadow/" + answer;
        String thing = topic.split("/")[2];
        try (AwsDeviceClient forger = AwsDeviceClient.connect(broker, thing)) {
            assertNothingArrivesOn(topic, broker, () -> {
                PublishResult result = forger.publish(topic, FORGED).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(result.getResultPubAck().getReasonCode()).isEqualTo(PubAckReasonCode.NOT_AUTHORIZED);
            });
            // As on AWS IoT with MQTT 5, the refusal is the PUBACK; the connection stays and requests still go.
            PublishResult request = forger.publish("$aws/things/" + thing + "/shadow/update", "{\"state\":{}}")
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(request.getResultPubAck().getReasonCode()).isIn(PubAckReasonCode.SUCCESS,
                    PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
        }
    }

    @Test
    void aRetainedForgedAnswerIsRefusedAndNoLaterSubscriberReceivesIt(RunningBroker broker) throws Exception {
        String thing = "retain-forger";
        String delta = "$aws/things/" + thing + "/shadow/update/delta";
        String accepted = "$aws/things/" + thing + "/shadow/update/accepted";
        String ownStatus = "vehicles/" + thing + "/status";
        try (AwsDeviceClient forger = AwsDeviceClient.connect(broker, thing)) {
            for (String topic : new String[] {delta, accepted, "$aws/things/" + thing + "/shadow/update"}) {
                PublishResult result = forger.publish(topic, FORGED, QOS.AT_LEAST_ONCE, true)
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(result.getResultPubAck().getReasonCode()).as(topic)
                        .isEqualTo(PubAckReasonCode.NOT_AUTHORIZED);
            }
            // A retained message on the device's own telemetry topic is still kept: it shows that a later
            // subscriber here does receive what the broker retained, so the silence below means something.
            forger.publish(ownStatus, "{\"parked\":true}", QOS.AT_LEAST_ONCE, true)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        RecordingCallback appService = new RecordingCallback();
        MqttAsyncClient service = DeviceAuthorizationIT.connectService(broker, appService, delta, accepted, ownStatus);
        try (AwsDeviceClient secondSession = AwsDeviceClient.connect(broker, thing)) {
            secondSession.subscribe("$aws/things/" + thing + "/shadow/update/#");

            RecordingCallback.Received retained = appService.nextMessage(TIMEOUT);
            assertThat(retained).as("the retained telemetry message").isNotNull();
            assertThat(retained.topic()).isEqualTo(ownStatus);
            assertThat(appService.nextMessage(QUIET)).as("retained forged answer to the service").isNull();
            assertThat(secondSession.nextMessage(QUIET)).as("retained forged answer to the device").isNull();
        } finally {
            ServiceMqttConnector.closeQuietly(service);
        }
    }

    @Test
    void anMqtt5DevicePublishingAtQos0OnAnAnswerTopicIsDisconnected(RunningBroker broker) throws Exception {
        String topic = "$aws/things/qos0-forger/shadow/update/accepted";
        try (AwsDeviceClient forger = AwsDeviceClient.connect(broker, "qos0-forger")) {
            assertNothingArrivesOn(topic, broker, () -> {
                forger.publish(topic, FORGED, QOS.AT_MOST_ONCE, false);
                DisconnectPacket disconnect = forger.awaitDisconnection().getDisconnectPacket();
                assertThat(disconnect).as("server DISCONNECT packet").isNotNull();
                assertThat(disconnect.getReasonCode()).isEqualTo(DisconnectReasonCode.NOT_AUTHORIZED);
            });
        }
    }

    @Test
    void anMqtt311DevicePublishingOnAnAnswerTopicIsDisconnectedAsOnAwsIot(RunningBroker broker) throws Exception {
        String topic = "$aws/things/mqtt3-forger/shadow/update/delta";
        CompletableFuture<Integer> interrupted = new CompletableFuture<>();
        CertificateAndKey identity = broker.certificates().thing("mqtt3-forger");
        try (AwsIotMqttConnectionBuilder builder = AwsIotMqttConnectionBuilder.newMtlsBuilderFromPath(
                identity.certificate().toString(), identity.privateKey().toString())) {
            builder.withCertificateAuthorityFromPath(null, broker.certificates().caCertificate().toString())
                    .withEndpoint(broker.host()).withPort(broker.port()).withClientId("mqtt3-forger")
                    .withCleanSession(true)
                    .withConnectionEventCallbacks(new MqttClientConnectionEvents() {
                        @Override
                        public void onConnectionInterrupted(int errorCode) {
                            interrupted.complete(errorCode);
                        }

                        @Override
                        public void onConnectionResumed(boolean sessionPresent) {
                        }
                    });
            try (MqttClientConnection forger = builder.build()) {
                forger.connect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertNothingArrivesOn(topic, broker, () -> {
                    forger.publish(new MqttMessage(topic, FORGED.getBytes(StandardCharsets.UTF_8),
                            QualityOfService.AT_LEAST_ONCE, true));
                    assertThat(interrupted.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("CRT error code")
                            .isNotNull();
                });
                forger.disconnect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theServiceStillPublishesAnswers(RunningBroker broker) throws Exception {
        MqttAsyncClient service = DeviceAuthorizationIT.connectService(broker, new RecordingCallback());
        try (AwsDeviceClient car = AwsDeviceClient.connect(broker, "answered-car")) {
            car.subscribe("$aws/things/answered-car/shadow/update/accepted");

            service.publish("$aws/things/answered-car/shadow/update/accepted",
                    "{\"version\":1}".getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(TIMEOUT.toMillis());

            PublishPacket answer = car.nextMessage(TIMEOUT);
            assertThat(answer).isNotNull();
            assertThat(new String(answer.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"version\":1}");
        } finally {
            ServiceMqttConnector.closeQuietly(service);
        }
    }

    /** Runs {@code attempt} while the service watches {@code topic}, then asserts nothing arrived there. */
    private static void assertNothingArrivesOn(String topic, RunningBroker broker, Attempt attempt) throws Exception {
        RecordingCallback watcher = new RecordingCallback();
        MqttAsyncClient service = DeviceAuthorizationIT.connectService(broker, watcher, topic);
        try {
            attempt.run();
            assertThat(watcher.nextMessage(QUIET)).as("forged answer delivered on %s", topic).isNull();
        } finally {
            ServiceMqttConnector.closeQuietly(service);
        }
    }

    @FunctionalInterface
    private interface Attempt {
        void run() throws Exception;
    }
}
