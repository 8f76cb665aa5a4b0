package io.fleet.cloud.bench;

import io.fleet.cloud.broker.CertificateAndKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import software.amazon.awssdk.crt.io.SocketOptions;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions;
import software.amazon.awssdk.crt.mqtt5.OnAttemptingConnectReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionFailureReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionSuccessReturn;
import software.amazon.awssdk.crt.mqtt5.OnDisconnectionReturn;
import software.amazon.awssdk.crt.mqtt5.OnStoppedReturn;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.ConnectPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubscribePacket;
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder;

/**
 * One simulated device of the load benchmark: an AWS IoT Device SDK v2 MQTT 5 client with its own certificate.
 * Received messages go to {@code onMessage(topic, payload)} on a CRT event-loop thread.
 */
final class BenchDevice implements AutoCloseable {

    final String thing;
    private final Mqtt5Client client;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();

    BenchDevice(String host, int port, Path ca, CertificateAndKey identity, String thing,
                BiConsumer<String, byte[]> onMessage) {
        this.thing = thing;
        // Nagle off, as the device agent has it (see DeviceAgent.noDelaySocket)
        try (SocketOptions socket = new SocketOptions();
             AwsIotMqtt5ClientBuilder builder = AwsIotMqtt5ClientBuilder.newDirectMqttBuilderWithMtlsFromPath(
                host, identity.certificate().toString(), identity.privateKey().toString())) {
            socket.tcpNoDelay = SocketOptions.TcpNoDelay.ON;
            builder.withCertificateAuthorityFromPath(null, ca.toString())
                    .withPort((long) port)
                    .withSocketOptions(socket)
                    .withConnectProperties(new ConnectPacket.ConnectPacketBuilder().withClientId(thing))
                    .withLifeCycleEvents(new Mqtt5ClientOptions.LifecycleEvents() {
                        @Override
                        public void onAttemptingConnect(Mqtt5Client c, OnAttemptingConnectReturn r) {
                        }

                        @Override
                        public void onConnectionSuccess(Mqtt5Client c, OnConnectionSuccessReturn r) {
                            connected.complete(null);
                        }

                        @Override
                        public void onConnectionFailure(Mqtt5Client c, OnConnectionFailureReturn r) {
                            connected.completeExceptionally(new IllegalStateException(thing + " could not connect: "
                                    + r.getErrorCode()));
                        }

                        @Override
                        public void onDisconnection(Mqtt5Client c, OnDisconnectionReturn r) {
                        }

                        @Override
                        public void onStopped(Mqtt5Client c, OnStoppedReturn r) {
                        }
                    })
                    .withPublishEvents((c, received) -> onMessage.accept(received.getPublishPacket().getTopic(),
                            received.getPublishPacket().getPayload()));
            client = builder.build();
        }
        client.start();
    }

    void awaitConnected() throws Exception {
        connected.get(60, TimeUnit.SECONDS);
    }

    void subscribe(String... filters) throws Exception {
        SubscribePacket.SubscribePacketBuilder sub = new SubscribePacket.SubscribePacketBuilder();
        for (String filter : filters) {
            sub.withSubscription(filter, QOS.AT_LEAST_ONCE);
        }
        client.subscribe(sub.build()).get(30, TimeUnit.SECONDS);
    }

    void publish(String topic, String payload) {
        client.publish(new PublishPacket.PublishPacketBuilder(topic, QOS.AT_LEAST_ONCE,
                payload.getBytes(StandardCharsets.UTF_8)).build());
    }

    @Override
    public void close() {
        client.stop();
        client.close();
    }
}
