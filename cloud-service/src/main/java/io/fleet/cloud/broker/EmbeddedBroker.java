package io.fleet.cloud.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ CE running in this process with a mutual-TLS listener on 127.0.0.1, AWS IoT-style certificate
 * authentication and topic policy ({@link FleetSecurityExtension}) and {@code $} topics allowed.
 *
 * <p>Everything lives in {@code <dataDir>/broker/}: {@code conf/} (generated config.xml and PKCS12 stores),
 * {@code data/} (HiveMQ's file persistence: sessions, retained messages, queued messages) and an empty
 * {@code extensions/} folder, so no extension from disk is loaded.
 *
 * <p>HiveMQ runs on its own non-daemon threads: always {@link #close()} it, or the JVM does not exit.
 */
public final class EmbeddedBroker implements MqttBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedHiveMQ hiveMq;
    private final int port;
    private final MqttEndpoint serviceEndpoint;
    private final InBrokerShadowRequests shadowRequests;
    private final InBrokerShadowRequests jobRequests;

    private EmbeddedBroker(EmbeddedHiveMQ hiveMq, int port, MqttEndpoint serviceEndpoint,
                           InBrokerShadowRequests shadowRequests, InBrokerShadowRequests jobRequests) {
        this.hiveMq = hiveMq;
        this.shadowRequests = shadowRequests;
        this.jobRequests = jobRequests;
        this.port = port;
        this.serviceEndpoint = serviceEndpoint;
    }

    /**
     * Starts the broker and returns once its listener accepts connections. Blocks the calling thread for the
     * HiveMQ start (~2-3 s).
     *
     * @throws IOException if a certificate or key cannot be read, the data dir cannot be written, or HiveMQ does not
     *                     start (port in use, bad configuration); the message says which
     */
    public static EmbeddedBroker start(BrokerSettings.Embedded settings) throws IOException {
        int port = settings.port() == 0 ? freeLoopbackPort() : settings.port();
        Path brokerDir = settings.dataDir().toAbsolutePath().resolve("broker");
        HiveMqConfigFolder config = new HiveMqConfigFolder(brokerDir.resolve("conf"));
        String passwordProperty = "fleet.broker." + UUID.randomUUID() + ".store-password";
        char[] password = randomPassword();
        try {
            config.write(settings, port, passwordProperty, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build the broker's TLS key stores from " + settings.server() + " and "
                    + settings.caCertificate() + ": " + e.getMessage(), e);
        }
        Files.createDirectories(brokerDir.resolve("data"));
        Files.createDirectories(brokerDir.resolve("extensions"));

        DollarTopicSupport.enable();
        InBrokerShadowRequests shadowRequests = new InBrokerShadowRequests();
        InBrokerShadowRequests jobRequests = new InBrokerShadowRequests();
        EmbeddedHiveMQ hiveMq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config.path())
                .withDataFolder(brokerDir.resolve("data"))
                .withExtensionsFolder(brokerDir.resolve("extensions"))
                .withEmbeddedExtension(FleetSecurityExtension.embedded(new TopicPolicy(settings.serviceCommonNames()),
                        shadowRequests, jobRequests))
                // Keep our logback configuration; HiveMQ would otherwise install its own.
                .withoutLoggingBootstrap()
                .build();
        // HiveMQ installs a JVM-wide uncaught-exception handler; a library must not change process-wide policy.
        Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        System.setProperty(passwordProperty, new String(password));
        try {
            hiveMq.start().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            stopAfterFailedStart(hiveMq);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException("embedded HiveMQ did not start on " + HiveMqConfigFolder.BIND_ADDRESS + ":" + port
                    + " (config in " + config.path() + "): " + cause, cause);
        } catch (InterruptedException e) {
            stopAfterFailedStart(hiveMq);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting embedded HiveMQ", e);
        } finally {
            // HiveMQ has read the config and loaded the stores by now; the password need not stay visible.
            System.clearProperty(passwordProperty);
            Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        }
        LOG.info("embedded MQTT broker listening on {}:{} (mutual TLS), data in {}",
                HiveMqConfigFolder.BIND_ADDRESS, port, brokerDir);
        MqttEndpoint serviceEndpoint =
                new MqttEndpoint("localhost", port, settings.caCertificate(), settings.service());
        return new EmbeddedBroker(hiveMq, port, serviceEndpoint, shadowRequests, jobRequests);
    }

    /**
     * Messages HiveMQ dropped so far (a client's queue full, a message too large, ...): its
     * {@code com.hivemq.messages.dropped.count} less the shadow and jobs requests taken in the broker, which HiveMQ
     * counts as dropped too; exported as {@code fleet_broker_messages_dropped}.
     */
    public long droppedMessages() {
        com.codahale.metrics.Metric metric = com.hivemq.extension.sdk.api.services.Services.metricRegistry()
                .getMetrics().get("com.hivemq.messages.dropped.count");
        long dropped = metric instanceof com.codahale.metrics.Counting counting ? counting.getCount() : 0;
        return Math.max(0, dropped - shadowRequests.taken() - jobRequests.taken());
    }

    /** The TLS port actually listened on (resolved when the settings said 0). */
    public int port() {
        return port;
    }

    /** {@code localhost}, which the development broker certificate's SAN names. */
    public String host() {
        return serviceEndpoint.host();
    }

    @Override
    public Optional<InBrokerShadowRequests> inBrokerShadowRequests() {
        return Optional.of(shadowRequests);
    }

    @Override
    public Optional<InBrokerShadowRequests> inBrokerJobRequests() {
        return Optional.of(jobRequests);
    }

    @Override
    public MqttEndpoint serviceEndpoint() {
        return serviceEndpoint;
    }

    /** Stops HiveMQ and its threads, blocking for up to 30 s (usually ~4 s). */
    @Override
    public void close() {
        stopQuietly(hiveMq);
        LOG.info("embedded MQTT broker on port {} stopped", port);
    }

    private static void stopQuietly(EmbeddedHiveMQ hiveMq) {
        try {
            hiveMq.stop().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            hiveMq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while stopping embedded HiveMQ");
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("embedded HiveMQ did not stop cleanly", e);
        }
    }

    /** HiveMQ stops itself when its start fails, and then reports the start error again from stop(). */
    private static void stopAfterFailedStart(EmbeddedHiveMQ hiveMq) {
        try {
            hiveMq.stop().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            hiveMq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("stopping embedded HiveMQ after its failed start", e);
        }
    }

    /** A port free right now; HiveMQ cannot report the port it chose for 0, so we choose. */
    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HiveMqConfigFolder.BIND_ADDRESS))) {
            return socket.getLocalPort();
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}
