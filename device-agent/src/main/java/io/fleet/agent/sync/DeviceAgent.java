package io.fleet.agent.sync;

import io.fleet.agent.AgentConfig;
import io.fleet.agent.ecu.EcuAdapter;
import io.fleet.agent.telemetry.MetricsReporter;
import io.fleet.agent.telemetry.TelemetryPublisher;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.crt.io.ExponentialBackoffRetryOptions;
import software.amazon.awssdk.crt.io.SocketOptions;
import software.amazon.awssdk.crt.iot.MqttRequestResponseClientOptions;
import software.amazon.awssdk.crt.iot.StreamingOperation;
import software.amazon.awssdk.crt.iot.SubscriptionStatusEventType;
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
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder;
import software.amazon.awssdk.iot.V2ClientStreamOptions;
import software.amazon.awssdk.iot.iotshadow.IotShadowV2Client;
import software.amazon.awssdk.iot.iotshadow.model.ShadowDeltaUpdatedEvent;
import software.amazon.awssdk.iot.iotshadow.model.ShadowDeltaUpdatedSubscriptionRequest;

/**
 * One running agent: an MQTT 5 connection with mutual TLS (client id = thing name), the shadow delta stream, and
 * the {@link AgentLoop} on its own thread. The CRT client reconnects by itself with exponential backoff and full
 * jitter and rejoins its session; every successful connect and every (re)established delta subscription makes
 * the loop report what is pending and read the shadow again.
 *
 * <p>Timers (telemetry ticks, retries) run on one scheduler: the agent's own {@code agent-timers-<thing>} thread,
 * or one that a simulated fleet shares among all its agents.
 */
public final class DeviceAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceAgent.class);
    private static final long SESSION_EXPIRY_SECONDS = 3600;
    private static final Duration TELEMETRY_HEARTBEAT = Duration.ofSeconds(30);
    private static final int TELEMETRY_BUFFER = 1000;

    private final AgentLoop loop;
    private final Thread loopThread;
    private final Mqtt5Client mqtt;
    private final IotShadowV2Client shadows;
    private final StreamingOperation deltaStream;
    private final EcuAdapter ecu;
    private final TelemetryPublisher telemetry;
    private final CompletableFuture<Void> firstConnection = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AgentMetrics metrics;
    private final MetricsReporter metricsReporter;
    /** The agent's own timer thread, or null when the timers are shared. */
    private final ScheduledExecutorService ownTimers;

    private DeviceAgent(AgentConfig config, EcuAdapter ecu, Clock clock, ScheduledExecutorService sharedTimers)
            throws IOException {
        this.ecu = ecu;
        this.metrics = new AgentMetrics(clock);
        String thing = config.thing();
        ownTimers = sharedTimers != null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "agent-timers-" + thing);
            thread.setDaemon(true);
            return thread;
        });
        ScheduledExecutorService timers = sharedTimers != null ? sharedTimers : ownTimers;
        AgentLoop[] loopRef = new AgentLoop[1];
        TelemetryPublisher[] telemetryRef = new TelemetryPublisher[1];
        ShadowUpdateChannel[] updatesRef = new ShadowUpdateChannel[1];
        try (SocketOptions socketOptions = noDelaySocket();
             AwsIotMqtt5ClientBuilder builder = AwsIotMqtt5ClientBuilder.newDirectMqttBuilderWithMtlsFromPath(
                config.connection().endpoint(), config.connection().cert().toString(),
                config.connection().key().toString())) {
            builder.withCertificateAuthorityFromPath(null, config.connection().ca().toString())
                    .withPort((long) config.connection().port())
                    .withSocketOptions(socketOptions)
                    .withConnectProperties(new ConnectPacket.ConnectPacketBuilder().withClientId(thing)
                            .withSessionExpiryIntervalSeconds(SESSION_EXPIRY_SECONDS))
                    .withSessionBehavior(Mqtt5ClientOptions.ClientSessionBehavior.REJOIN_POST_SUCCESS)
                    .withRetryJitterMode(ExponentialBackoffRetryOptions.JitterMode.Full)
                    .withMinReconnectDelayMs(config.timing().minReconnectDelay().toMillis())
                    .withMaxReconnectDelayMs(config.timing().maxReconnectDelay().toMillis())
                    .withLifeCycleEvents(new Lifecycle(() -> loopRef[0], () -> telemetryRef[0], () -> updatesRef[0],
                            firstConnection, metrics))
                    .withPublishEvents((client, received) -> updatesRef[0].onPublish(
                            received.getPublishPacket().getTopic(), received.getPublishPacket().getPayload()));
            mqtt = builder.build();
        }
        updatesRef[0] = new ShadowUpdateChannel(mqtt, thing);
        shadows = IotShadowV2Client.newFromMqtt5(mqtt, MqttRequestResponseClientOptions.builder()
                .withMaxRequestResponseSubscriptions(4).withMaxStreamingSubscriptions(2)
                .withOperationTimeoutSeconds(10).build());
        loop = new AgentLoop(new SdkShadowPort(shadows, updatesRef[0], thing), ecu, new Journal(config.journalDir()),
                clock, config.timing().commandTimeout(), timers, metrics);
        loopRef[0] = loop;
        telemetry = new TelemetryPublisher(thing, this::publishQos1, clock,
                config.timing().telemetryInterval(), TELEMETRY_HEARTBEAT, TELEMETRY_BUFFER, timers);
        telemetry.stateChanged(ecu.state());
        ecu.onStateChange(telemetry::stateChanged);
        telemetryRef[0] = telemetry;
        metricsReporter = new MetricsReporter(thing, this::counters, this::publishQos1, metrics::connected, clock,
                config.timing().metricsInterval(), ownTimers != null, timers);
        loopThread = new Thread(loop, "agent-loop-" + thing);
        loopThread.start();

        ShadowDeltaUpdatedSubscriptionRequest subscription = new ShadowDeltaUpdatedSubscriptionRequest();
        subscription.thingName = thing;
        // Both handlers run on CRT event-loop threads: they only hand events to the agent loop.
        deltaStream = shadows.createShadowDeltaUpdatedStream(subscription,
                V2ClientStreamOptions.<ShadowDeltaUpdatedEvent>builder()
                        .withStreamEventHandler(event -> loop.delta(event.version == null ? 0 : event.version,
                                event.state == null ? new HashMap<>() : event.state,
                                event.metadata == null ? new HashMap<>() : event.metadata))
                        .withSubscriptionEventHandler(status -> {
                            if (status.getType() == SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED) {
                                loop.connected();
                            } else if (status.getType() == SubscriptionStatusEventType.SUBSCRIPTION_LOST) {
                                // A broker that forgot the session (restarted with in-memory persistence): the SDK
                                // subscribes again and ESTABLISHED resyncs (CloudRestartIT, in-memory case).
                                LOG.warn("delta subscription lost; the SDK subscribes again");
                            } else {
                                LOG.error("delta subscription halted (error {}): no more deltas until the agent "
                                        + "restarts; check the thing's policy", status.getError().orElse(0));
                            }
                        }).build());
        deltaStream.open();
        mqtt.start();
    }

    /** Starts connecting; the agent keeps retrying in the background until {@link #close()}. */
    public static DeviceAgent start(AgentConfig config, EcuAdapter ecu, Clock clock) throws IOException {
        return new DeviceAgent(config, ecu, clock, null);
    }

    /**
     * Like {@link #start(AgentConfig, EcuAdapter, Clock)}, with the timers on {@code timers}, shared with other
     * agents in this JVM (a simulated fleet); {@link #close()} leaves it running.
     */
    public static DeviceAgent start(AgentConfig config, EcuAdapter ecu, Clock clock, ScheduledExecutorService timers)
            throws IOException {
        return new DeviceAgent(config, ecu, clock, Objects.requireNonNull(timers, "timers"));
    }

    /** Completes when the first MQTT connection succeeds. */
    public CompletableFuture<Void> firstConnection() {
        return firstConnection;
    }

    public TelemetryPublisher telemetry() {
        return telemetry;
    }

    /** Connection state, reconnects and command outcomes. */
    public AgentMetrics metrics() {
        return metrics;
    }

    /** The agent's counters and its telemetry's, as {@link MetricsReporter} publishes them. */
    public Map<String, Object> counters() {
        Map<String, Object> counters = metrics.snapshot();
        counters.put("telemetry", Map.of("published", telemetry.publishedCount(), "dropped", telemetry.droppedCount()));
        return counters;
    }

    /** QoS 1 publish; true when the broker's PUBACK reports success (codes below 0x80). */
    private CompletableFuture<Boolean> publishQos1(String topic, byte[] payload) {
        try {
            return mqtt.publish(new PublishPacket.PublishPacketBuilder(topic, QOS.AT_LEAST_ONCE, payload).build())
                    .thenApply(result -> result.getResultPubAck() != null
                            && result.getResultPubAck().getReasonCode().getValue() < 0x80);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public JournalState journalState() {
        return loop.journalState();
    }

    public EcuAdapter ecu() {
        return ecu;
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        metricsReporter.report(); // the final counters, while still connected
        metricsReporter.close();
        telemetry.close();
        loop.stop();
        try {
            loopThread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deltaStream.close();
        shadows.close();
        mqtt.stop();
        mqtt.close();
        ecu.close();
        if (ownTimers != null) {
            ownTimers.shutdownNow();
        }
    }

    /**
     * The CRT leaves Nagle's algorithm on by default. An agent answers a delta with a PUBACK and, moments later, its
     * report; Nagle holds the report until the broker acknowledges the PUBACK, which a delayed-ACK broker does only
     * after ~40 ms. Both messages are small and latency-bound, so they go out at once.
     */
    private static SocketOptions noDelaySocket() {
        SocketOptions options = new SocketOptions();
        options.tcpNoDelay = SocketOptions.TcpNoDelay.ON;
        return options;
    }

    /** MQTT lifecycle callbacks, on CRT event-loop threads: never block, only hand over. */
    private static final class Lifecycle implements Mqtt5ClientOptions.LifecycleEvents {
        private final Supplier<AgentLoop> loop;
        private final Supplier<TelemetryPublisher> telemetry;
        private final Supplier<ShadowUpdateChannel> updates;
        private final CompletableFuture<Void> firstConnection;
        private final AgentMetrics metrics;

        Lifecycle(Supplier<AgentLoop> loop, Supplier<TelemetryPublisher> telemetry,
                  Supplier<ShadowUpdateChannel> updates, CompletableFuture<Void> firstConnection,
                  AgentMetrics metrics) {
            this.loop = loop;
            this.telemetry = telemetry;
            this.updates = updates;
            this.firstConnection = firstConnection;
            this.metrics = metrics;
        }

        @Override
        public void onAttemptingConnect(Mqtt5Client client, OnAttemptingConnectReturn ret) {
        }

        @Override
        public void onConnectionSuccess(Mqtt5Client client, OnConnectionSuccessReturn ret) {
            LOG.info("connected");
            metrics.connectionSucceeded();
            updates.get().onConnected();
            loop.get().connected();
            telemetry.get().connected();
            firstConnection.complete(null);
        }

        @Override
        public void onConnectionFailure(Mqtt5Client client, OnConnectionFailureReturn ret) {
            LOG.warn("connection failed: error {}, CONNACK {}", ret.getErrorCode(),
                    ret.getConnAckPacket() == null ? "none" : ret.getConnAckPacket().getReasonCode());
        }

        @Override
        public void onDisconnection(Mqtt5Client client, OnDisconnectionReturn ret) {
            LOG.warn("disconnected: error {}", ret.getErrorCode());
            metrics.connectionLost();
            updates.get().onDisconnected();
            loop.get().disconnected();
            telemetry.get().disconnected();
        }

        @Override
        public void onStopped(Mqtt5Client client, OnStoppedReturn ret) {
        }
    }
}
