package io.fleet.cloud.broker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.crt.io.SocketOptions;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions;
import software.amazon.awssdk.crt.mqtt5.OnAttemptingConnectReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionFailureReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionSuccessReturn;
import software.amazon.awssdk.crt.mqtt5.OnDisconnectionReturn;
import software.amazon.awssdk.crt.mqtt5.OnStoppedReturn;
import software.amazon.awssdk.crt.mqtt5.PublishResult;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.ConnectPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubscribePacket;
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder;

/**
 * A device as AWS IoT Core sees it: the unmodified AWS IoT Device SDK v2 MQTT 5 client with mutual TLS from PEM
 * files. Records lifecycle events and received messages so tests can assert on them. CRT callbacks arrive on CRT
 * event-loop threads; everything is handed over through futures and a queue.
 */
public final class AwsDeviceClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Mqtt5Client client;
    private final CompletableFuture<OnConnectionSuccessReturn> connected = new CompletableFuture<>();
    private final CompletableFuture<OnConnectionFailureReturn> connectionFailed = new CompletableFuture<>();
    private final CompletableFuture<OnDisconnectionReturn> disconnected = new CompletableFuture<>();
    private final BlockingQueue<PublishPacket> messages = new LinkedBlockingQueue<>();

    private AwsDeviceClient(String host, int port, Path caCertificate, CertificateAndKey identity, String clientId) {
        // Nagle off, as the device agent has it (see DeviceAgent.noDelaySocket);
        // -Dbench.tcpNoDelay=DEFAULT shows its cost
        try (SocketOptions socket = new SocketOptions();
             AwsIotMqtt5ClientBuilder builder = AwsIotMqtt5ClientBuilder.newDirectMqttBuilderWithMtlsFromPath(
                host, identity.certificate().toString(), identity.privateKey().toString())) {
            socket.tcpNoDelay = SocketOptions.TcpNoDelay.valueOf(System.getProperty("bench.tcpNoDelay", "ON"));
            builder.withCertificateAuthorityFromPath(null, caCertificate.toString())
                    .withPort((long) port)
                    .withSocketOptions(socket)
                    .withConnectProperties(new ConnectPacket.ConnectPacketBuilder().withClientId(clientId))
                    .withLifeCycleEvents(new Recorder())
                    .withPublishEvents((mqttClient, received) -> messages.add(received.getPublishPacket()));
            client = builder.build();
        }
    }

    /** Starts a device whose client id is its thing name, and waits until the broker accepts it. */
    public static AwsDeviceClient connect(EmbeddedBrokerExtension.RunningBroker broker, String thing)
            throws Exception {
        AwsDeviceClient device = start(broker.host(), broker.port(), broker.certificates().caCertificate(),
                broker.certificates().thing(thing), thing);
        device.awaitConnected();
        return device;
    }

    /** Starts connecting without waiting; use {@link #awaitConnected()} or {@link #awaitConnectionFailure()}. */
    public static AwsDeviceClient start(String host, int port, Path caCertificate, CertificateAndKey identity,
                                        String clientId) {
        AwsDeviceClient device = new AwsDeviceClient(host, port, caCertificate, identity, clientId);
        device.client.start();
        return device;
    }

    public OnConnectionSuccessReturn awaitConnected() throws Exception {
        return CompletableFuture.anyOf(connected, connectionFailed.thenApply(failure -> {
            throw new IllegalStateException("connection failed: error " + failure.getErrorCode() + ", CONNACK "
                    + (failure.getConnAckPacket() == null ? "none" : failure.getConnAckPacket().getReasonCode()));
        })).thenCompose(ignored -> connected).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    public OnConnectionFailureReturn awaitConnectionFailure() throws Exception {
        return connectionFailed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    public OnDisconnectionReturn awaitDisconnection() throws Exception {
        return disconnected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    public SubAckPacket subscribe(String topicFilter) throws Exception {
        return client.subscribe(new SubscribePacket.SubscribePacketBuilder(topicFilter, QOS.AT_LEAST_ONCE).build())
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Publishes at QoS 1; the future completes with the PUBACK, or fails if the connection drops first. */
    public CompletableFuture<PublishResult> publish(String topic, String payload) {
        return publish(topic, payload, QOS.AT_LEAST_ONCE, false);
    }

    /** Publishes with the given QoS and RETAIN flag; at QoS 0 the future completes once the packet is written. */
    public CompletableFuture<PublishResult> publish(String topic, String payload, QOS qos, boolean retain) {
        return client.publish(new PublishPacket.PublishPacketBuilder(topic, qos,
                payload.getBytes(StandardCharsets.UTF_8)).withRetain(retain).build());
    }

    /** The next message received, or null after {@code timeout}. */
    public PublishPacket nextMessage(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The SDK's own MQTT 5 client, e.g. to build an {@code IotShadowV2Client} on it. */
    public Mqtt5Client mqtt5Client() {
        return client;
    }

    @Override
    public void close() {
        client.stop();
        client.close();
    }

    private final class Recorder implements Mqtt5ClientOptions.LifecycleEvents {
        @Override
        public void onAttemptingConnect(Mqtt5Client mqttClient, OnAttemptingConnectReturn result) {
        }

        @Override
        public void onConnectionSuccess(Mqtt5Client mqttClient, OnConnectionSuccessReturn result) {
            connected.complete(result);
        }

        @Override
        public void onConnectionFailure(Mqtt5Client mqttClient, OnConnectionFailureReturn result) {
            connectionFailed.complete(result);
        }

        @Override
        public void onDisconnection(Mqtt5Client mqttClient, OnDisconnectionReturn result) {
            disconnected.complete(result);
        }

        @Override
        public void onStopped(Mqtt5Client mqttClient, OnStoppedReturn result) {
        }
    }
}
