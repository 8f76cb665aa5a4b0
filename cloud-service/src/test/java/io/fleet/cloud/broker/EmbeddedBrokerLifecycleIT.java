package io.fleet.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start, stop and restart of an embedded broker of its own (not the suite's shared one): the data dir layout, no
 * secret on disk, persistence across restarts, the service client reconnecting by itself, and clear start errors.
 */
class EmbeddedBrokerLifecycleIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void keepsItsFilesInTheDataDirWithoutThePasswordOnDisk() throws Exception {
        BrokerSettings.Embedded settings = settings();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings)) {
            assertThat(Thread.getDefaultUncaughtExceptionHandler()).as("JVM-wide handler left alone").isSameAs(before);
            Path conf = dir.resolve("data/broker/conf");
            String configXml = Files.readString(conf.resolve("config.xml"), StandardCharsets.UTF_8);

            assertThat(configXml).contains("<port>" + broker.port() + "</port>", "<bind-address>127.0.0.1<",
                    "<client-authentication-mode>REQUIRED</client-authentication-mode>", "<mode>file</mode>",
                    "<server-receive-maximum>1000</server-receive-maximum>");
            assertThat(configXml).containsPattern("<password>\\$\\{fleet\\.broker\\.[0-9a-f-]+\\.store-password}<");
            assertThat(System.getProperties().stringPropertyNames())
                    .noneMatch(name -> name.startsWith("fleet.broker."));
            assertThat(Files.getPosixFilePermissions(conf.resolve("broker-keystore.p12")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(dir.resolve("data/broker/data")).isDirectory();
            assertThat(dir.resolve("data/broker/extensions")).isEmptyDirectory();
        }
    }

    @Test
    void closeLeavesNoThreadThatWouldKeepTheJvmAlive() throws Exception {
        BrokerSettings.Embedded settings = settings();
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

        EmbeddedBroker.start(settings).close();

        // polled on this thread: Awaitility's own poller would be a new non-daemon thread itself
        await("no non-daemon threads left by HiveMQ after close()").atMost(Duration.ofSeconds(10)).pollInSameThread()
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> !before.contains(thread) && thread.isAlive() && !thread.isDaemon())
                        .map(Thread::getName).toList(), List::isEmpty);
    }

    @Test
    void keepsRetainedMessagesAcrossARestartAndTheServiceReconnects() throws Exception {
        BrokerSettings.Embedded settings = settings().withPort(freePort()).withFilePersistence(true);
        RecordingCallback serviceEvents = new RecordingCallback();
        MqttAsyncClient service;
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings)) {
            service = new ServiceMqttConnector(broker.serviceEndpoint(), TIMEOUT).connect(serviceEvents)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(serviceEvents.nextConnect(TIMEOUT)).isFalse();
            MqttMessage retained = new MqttMessage("online".getBytes(StandardCharsets.UTF_8), 1, true, null);
            service.publish("vehicles/car-9/status", retained).waitForCompletion(TIMEOUT.toMillis());
        }
        try (EmbeddedBroker restarted = EmbeddedBroker.start(settings)) {
            assertThat(serviceEvents.nextConnect(Duration.ofSeconds(40))).as("service reconnected by itself").isTrue();

            service.subscribe(new MqttSubscription("vehicles/+/status", 1)).waitForCompletion(TIMEOUT.toMillis());
            assertThat(serviceEvents.nextMessage(TIMEOUT)).as("retained message persisted in the data dir")
                    .isEqualTo(new RecordingCallback.Received("vehicles/car-9/status", "online"));
        } finally {
            ServiceMqttConnector.closeQuietly(service);
        }
    }

    @Test
    void aRetainedForgedAnswerStoredByAnEarlierVersionIsGoneAfterARestart() throws Exception {
        BrokerSettings.Embedded settings = settings().withPort(freePort()).withFilePersistence(true);
        String forged = "$aws/things/car-8/shadow/update/accepted";
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings)) {
            // What a device could store before the policy refused retained $aws/ publishes, written to the store
            // directly, since no client can publish it any more; beside it, a retained message that must stay.
            for (String topic : new String[] {forged, "vehicles/car-8/status"}) {
                Services.retainedMessageStore().addOrReplace(Builders.retainedPublish().topic(topic)
                        .qos(Qos.AT_LEAST_ONCE).payload(ByteBuffer.wrap("{\"version\":999}"
                                .getBytes(StandardCharsets.UTF_8))).build()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        RecordingCallback later = new RecordingCallback();
        try (EmbeddedBroker restarted = EmbeddedBroker.start(settings)) {
            MqttAsyncClient service = new ServiceMqttConnector(restarted.serviceEndpoint(), TIMEOUT).connect(later,
                    new MqttSubscription(forged, 1), new MqttSubscription("vehicles/car-8/status", 1))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            try {
                RecordingCallback.Received first = later.nextMessage(TIMEOUT);
                assertThat(first).as("the retained telemetry message").isNotNull();
                assertThat(first.topic()).isEqualTo("vehicles/car-8/status");
                assertThat(later.nextMessage(Duration.ofMillis(1500))).as("retained forged answer").isNull();
            } finally {
                ServiceMqttConnector.closeQuietly(service);
            }
        }
    }

    @Test
    void aPortInUseIsAClearStartError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            BrokerSettings.Embedded settings = settings().withPort(taken.getLocalPort());

            assertThatThrownBy(() -> EmbeddedBroker.start(settings)).isInstanceOf(IOException.class)
                    .hasMessageContaining("did not start").hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void aMissingCertificateIsAClearStartError() throws Exception {
        BrokerSettings.Embedded settings = BrokerSettings.Embedded.fromDevCa(dir.resolve("no-certs"), dir)
                .withPort(0);

        assertThatThrownBy(() -> EmbeddedBroker.start(settings)).isInstanceOf(IOException.class)
                .hasMessageContaining("no-certs");
    }

    private BrokerSettings.Embedded settings() throws IOException {
        DevCertificates certificates = DevCertificates.create(dir.resolve("certs"));
        return new BrokerSettings.Embedded(0, dir.resolve("data"), certificates.caCertificate(),
                certificates.broker(), certificates.service(), Set.of(TopicPolicy.DEFAULT_SERVICE_CN));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
