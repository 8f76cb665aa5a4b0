package io.fleet.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external-broker option against a stock Mosquitto 2.x (Debian's): the service connects with its certificate,
 * receives {@code $aws} shadow traffic and shared-subscription traffic, and reconnects and re-subscribes by itself
 * after a broker crash. Mosquitto enforces no topic policy; only the certificate chain.
 */
class ExternalBrokerMosquittoIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final String SHADOW_UPDATE = "$aws/things/t1/shadow/update";

    @TempDir
    Path dir;

    private MosquittoProcess mosquitto;
    private DevCertificates certificates;
    private MqttAsyncClient service;
    private MqttAsyncClient device;

    @BeforeEach
    void startMosquitto() throws Exception {
        assumeTrue(MosquittoProcess.isInstalled(), "needs Mosquitto 2.x at " + MosquittoProcess.BINARY
                + " (Debian: apt-get install mosquitto; .ci/run installs it)");
        certificates = DevCertificates.create(dir.resolve("certs"));
        mosquitto = MosquittoProcess.start(dir, certificates);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (device != null) {
            ServiceMqttConnector.closeQuietly(device);
        }
        if (service != null) {
            ServiceMqttConnector.closeQuietly(service);
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Test
    void theServiceReceivesShadowUpdatesOfEveryThing() throws Exception {
        RecordingCallback serviceInbox = new RecordingCallback();
        connectServiceAndDevice(serviceInbox, new RecordingCallback(), "$aws/things/+/shadow/update");

        publishFromDevice(SHADOW_UPDATE, "{\"state\":{\"reported\":{\"locked\":true}}}");

        assertThat(serviceInbox.nextMessage(TIMEOUT)).as("mosquitto log:\n%s", mosquitto.logText()).isEqualTo(
                new RecordingCallback.Received(SHADOW_UPDATE, "{\"state\":{\"reported\":{\"locked\":true}}}"));
    }

    @Test
    void theServiceReceivesThroughASharedSubscription() throws Exception {
        RecordingCallback serviceInbox = new RecordingCallback();
        connectServiceAndDevice(serviceInbox, new RecordingCallback(), "$share/g/vehicles/+/telemetry");

        publishFromDevice("vehicles/t1/telemetry", "{\"speed\":42}");

        assertThat(serviceInbox.nextMessage(TIMEOUT)).as("mosquitto log:\n%s", mosquitto.logText())
                .isEqualTo(new RecordingCallback.Received("vehicles/t1/telemetry", "{\"speed\":42}"));
    }

    /**
     * Characterizes a Mosquitto 2.0.x limitation, so nobody deploys the shadow service on it with shared
     * subscriptions: its {@code sub__topic_tokenise} files every {@code $share/<group>/<filter>} under the root
     * of non-{@code $} topics, so {@code $share/g/$aws/things/+/shadow/update} never matches a {@code $aws/...}
     * PUBLISH (PUBACK 0x10, no matching subscribers). HiveMQ, EMQX and AWS IoT Core route these. If this test
     * fails, the installed Mosquitto has fixed it: turn it into a positive test.
     */
    @Test
    void mosquittoDoesNotRouteDollarTopicsToSharedSubscriptions() throws Exception {
        RecordingCallback serviceInbox = new RecordingCallback();
        connectServiceAndDevice(serviceInbox, new RecordingCallback(), "$share/g/$aws/things/+/shadow/update");

        publishFromDevice(SHADOW_UPDATE, "{\"state\":{}}");

        assertThat(serviceInbox.nextMessage(Duration.ofSeconds(2)))
                .as("Mosquitto now routes $ topics to shared subscriptions; make this a positive test")
                .isNull();
    }

    @Test
    void theServiceReconnectsAndResubscribesAfterTheBrokerRestarts() throws Exception {
        RecordingCallback serviceInbox = new RecordingCallback();
        RecordingCallback deviceEvents = new RecordingCallback();
        connectServiceAndDevice(serviceInbox, deviceEvents, "$aws/things/+/shadow/update");
        assertThat(serviceInbox.nextConnect(TIMEOUT)).isFalse();
        assertThat(deviceEvents.nextConnect(TIMEOUT)).isFalse();

        mosquitto.kill();
        mosquitto.restart();

        assertThat(serviceInbox.nextConnect(RECONNECT_TIMEOUT)).as("service reconnected").isTrue();
        assertThat(deviceEvents.nextConnect(RECONNECT_TIMEOUT)).as("device reconnected").isTrue();
        // Mosquitto runs without persistence, so the subscription exists again only if the connector renewed it.
        publishFromDevice(SHADOW_UPDATE, "{\"after\":\"restart\"}");
        assertThat(serviceInbox.nextMessage(TIMEOUT))
                .isEqualTo(new RecordingCallback.Received(SHADOW_UPDATE, "{\"after\":\"restart\"}"));
    }

    private void connectServiceAndDevice(RecordingCallback serviceInbox, RecordingCallback deviceEvents,
                                         String serviceFilter) throws Exception {
        BrokerSettings.External settings = new BrokerSettings.External("localhost", mosquitto.port(),
                certificates.caCertificate(), certificates.service());
        MqttEndpoint serviceEndpoint = MqttBroker.open(settings).serviceEndpoint();
        service = new ServiceMqttConnector(serviceEndpoint, TIMEOUT)
                .connect(serviceInbox, new MqttSubscription(serviceFilter, 1))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        MqttEndpoint deviceEndpoint = new MqttEndpoint("localhost", mosquitto.port(), certificates.caCertificate(),
                certificates.thing("t1"));
        device = new ServiceMqttConnector(deviceEndpoint, TIMEOUT).connect(deviceEvents)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private void publishFromDevice(String topic, String payload) throws Exception {
        device.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false)
                .waitForCompletion(TIMEOUT.toMillis());
    }
}
