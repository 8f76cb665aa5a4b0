package io.fleet.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleet.cloud.broker.EmbeddedBrokerExtension.RunningBroker;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.crt.mqtt5.OnConnectionFailureReturn;
import software.amazon.awssdk.crt.mqtt5.packets.ConnAckPacket.ConnectReasonCode;

/** Who gets in: only holders of a certificate from our CA, with the certificate's CN as client id. */
@ExtendWith(EmbeddedBrokerExtension.class)
class BrokerAuthenticationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aClientWithoutCertificateIsRefused(RunningBroker broker) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(PemTls.trustStore(broker.certificates().caCertificate()));
        SSLContext noClientCertificate = SSLContext.getInstance("TLS");
        noClientCertificate.init(null, trust.getTrustManagers(), null);

        assertThatThrownBy(() -> pahoConnect(broker, noClientCertificate, "car-1"))
                .isInstanceOf(MqttException.class);
        // Control: the same connection with the certificate gets in, so the refusal above is about the certificate.
        pahoConnect(broker, PemTls.clientContext(broker.endpointFor(broker.certificates().thing("car-1"))), "car-1");
    }

    @Test
    void aCertificateFromAnotherCaIsRefused(RunningBroker broker, @TempDir Path otherCaDir) throws Exception {
        DevCertificates otherCa = DevCertificates.create(otherCaDir);
        CertificateAndKey impostor = otherCa.thing("car-1");

        try (AwsDeviceClient device = AwsDeviceClient.start(broker.host(), broker.port(),
                broker.certificates().caCertificate(), impostor, "car-1")) {
            OnConnectionFailureReturn failure = device.awaitConnectionFailure();

            assertThat(failure.getConnAckPacket()).as("refused in the TLS handshake, before any CONNACK").isNull();
            assertThat(failure.getErrorCode()).isNotZero();
        }
        // And with the JDK's TLS stack, to be sure it is not a CRT quirk.
        SSLContext impostorTls = PemTls.clientContext(new MqttEndpoint(broker.host(), broker.port(),
                broker.certificates().caCertificate(), impostor));
        assertThatThrownBy(() -> pahoConnect(broker, impostorTls, "car-1")).isInstanceOf(MqttException.class);
    }

    @Test
    void aClientIdOtherThanTheCertificateCnIsNotAuthorized(RunningBroker broker) throws Exception {
        try (AwsDeviceClient device = AwsDeviceClient.start(broker.host(), broker.port(),
                broker.certificates().caCertificate(), broker.certificates().thing("car-1"), "car-2")) {
            OnConnectionFailureReturn failure = device.awaitConnectionFailure();

            assertThat(failure.getConnAckPacket()).isNotNull();
            assertThat(failure.getConnAckPacket().getReasonCode()).isEqualTo(ConnectReasonCode.NOT_AUTHORIZED);
        }
    }

    @Test
    void aServiceClientIdIsItsCnOrItsCnWithAnInstanceSuffix(RunningBroker broker) throws Exception {
        SSLContext serviceTls = PemTls.clientContext(broker.serviceEndpoint());

        pahoConnect(broker, serviceTls, "fleet-service");
        pahoConnect(broker, serviceTls, "fleet-service-7f3a9c01");
        assertThatThrownBy(() -> pahoConnect(broker, serviceTls, "impostor"))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).as("CONNACK reason").isEqualTo(0x87));
        assertThatThrownBy(() -> pahoConnect(broker, serviceTls, "fleet-service-"))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).as("CONNACK reason").isEqualTo(0x87));
    }

    @Test
    void aDeviceNamedLikeAServiceInstanceGetsOnlyDeviceRights(RunningBroker broker) throws Exception {
        // "fleet-service-x" is a valid thing name; its rights follow its certificate CN, not the name's prefix.
        try (AwsDeviceClient device = AwsDeviceClient.connect(broker, "fleet-service-x")) {
            assertThat(device.subscribe("$aws/things/+/shadow/update").getReasonCodes())
                    .allSatisfy(code -> assertThat(code.name()).isEqualTo("NOT_AUTHORIZED"));
        }
    }

    @Test
    void aDeviceWithItsThingNameAsClientIdConnects(RunningBroker broker) throws Exception {
        try (AwsDeviceClient device = AwsDeviceClient.connect(broker, "car-1")) {
            assertThat(device.awaitConnected().getConnAckPacket().getReasonCode()).isEqualTo(ConnectReasonCode.SUCCESS);
        }
    }

    @Test
    void aWillMessageForAnotherThingsTopicIsNotAuthorized(RunningBroker broker) throws Exception {
        SSLContext carTls = PemTls.clientContext(broker.endpointFor(broker.certificates().thing("will-car")));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setWill("$aws/things/victim-car/shadow/update",
                new MqttMessage("{\"state\":{\"desired\":{\"locked\":false}}}".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> pahoConnect(broker, carTls, "will-car", options))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).as("CONNACK reason").isEqualTo(0x87));
    }

    @Test
    void theServiceClientChecksTheBrokerHostName(RunningBroker broker) throws Exception {
        String otherName = InetAddress.getLocalHost().getHostName();
        assumeTrue(!otherName.equals("localhost")
                        && InetAddress.getByName(otherName).getHostAddress().equals("127.0.0.1"),
                "needs a host name other than localhost that resolves to 127.0.0.1; " + otherName + " does not");
        MqttEndpoint wrongName = new MqttEndpoint(otherName, broker.port(), broker.certificates().caCertificate(),
                broker.certificates().service());

        assertThatThrownBy(() -> new ServiceMqttConnector(wrongName, TIMEOUT).connect(new RecordingCallback())
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("%s is not in the broker certificate's SAN", otherName)
                .isInstanceOf(ExecutionException.class)
                .hasStackTraceContaining("No subject alternative DNS name matching " + otherName);
    }

    private static void pahoConnect(RunningBroker broker, SSLContext tls, String clientId) throws MqttException {
        pahoConnect(broker, tls, clientId, new MqttConnectionOptions());
    }

    private static void pahoConnect(RunningBroker broker, SSLContext tls, String clientId,
                                    MqttConnectionOptions options) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient("ssl://" + broker.host() + ":" + broker.port(), clientId,
                new MemoryPersistence());
        options.setSocketFactory(tls.getSocketFactory());
        options.setConnectionTimeout((int) TIMEOUT.toSeconds());
        try {
            client.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(TIMEOUT.toSeconds()));
        } finally {
            ServiceMqttConnector.closeQuietly(client);
        }
    }
}
