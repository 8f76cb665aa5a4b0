package io.fleet.cloud.broker;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the cloud service a connected Eclipse Paho MQTT 5 client, authenticated by the service certificate over
 * mutual TLS, for the embedded broker and any external one (AWS IoT Core, Mosquitto, a HiveMQ cluster).
 *
 * <p>The client id is the CN of the service certificate, as the embedded broker and AWS IoT thing policies require;
 * run several service instances with several certificates (and list their CNs in
 * {@link BrokerSettings.Embedded#serviceCommonNames()}), since a second connection with the same client id takes
 * over the first one's session.
 *
 * <p>Reconnection is automatic (1 s doubling to 10 s). Sessions start clean, so after every (re)connect the
 * connector itself re-subscribes the {@code subscriptions} given to {@link #connect}, and calls the callback's
 * {@link MqttCallback#connectComplete(boolean, String)} only once the broker has granted them again (a refusal on
 * reconnect arrives as {@link MqttCallback#mqttErrorOccurred}). Subscriptions made directly on the returned client
 * are lost on reconnect unless the caller renews them in {@code connectComplete}.
 *
 * <p>Threads: Paho calls {@code callback} on its single callback thread; keep handlers short and hand work to an
 * executor, or message delivery stalls.
 */
public final class ServiceMqttConnector {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceMqttConnector.class);

    static final int RECEIVE_MAXIMUM = 64;

    private final MqttEndpoint endpoint;
    private final Duration connectTimeout;
    private final String instanceSuffix;

    /**
     * @param connectTimeout how long one connection attempt (TCP, TLS, CONNACK) may take; whole seconds, at least 1
     */
    public ServiceMqttConnector(MqttEndpoint endpoint, Duration connectTimeout) {
        this(endpoint, connectTimeout, null);
    }

    /**
     * @param instanceSuffix appended to the certificate CN as {@code <CN>-<suffix>} to form the client id, so that
     *                       several service instances sharing one certificate keep separate sessions (the embedded
     *                       broker accepts that for service certificates); null to use the CN itself
     */
    public ServiceMqttConnector(MqttEndpoint endpoint, Duration connectTimeout, String instanceSuffix) {
        this.instanceSuffix = instanceSuffix;
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
    }

    /**
     * Connects and subscribes. The future completes with the client once the broker has granted every
     * subscription, and fails (never throws) if the certificates cannot be read, the first connection attempt
     * fails, or a subscription is refused; the client is then closed. Only later connection losses are retried.
     *
     * @param callback      receives messages and connection events, on Paho's callback thread
     * @param subscriptions (re)established after every connect, e.g.
     *                      {@code new MqttSubscription("$share/shadow/$aws/things/+/shadow/update", 1)}
     */
    public CompletableFuture<MqttAsyncClient> connect(MqttCallback callback, MqttSubscription... subscriptions) {
        Objects.requireNonNull(callback, "callback");
        CompletableFuture<MqttAsyncClient> connected = new CompletableFuture<>();
        MqttAsyncClient client;
        MqttConnectionOptions options;
        try {
            options = connectionOptions();
            String commonName = PemTls.commonNameOf(endpoint.client().certificate());
            client = new MqttAsyncClient(endpoint.serverUri(),
                    instanceSuffix == null ? commonName : commonName + "-" + instanceSuffix, new MemoryPersistence());
        } catch (IOException | GeneralSecurityException | MqttException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<MqttSubscription> toRestore = List.of(subscriptions);
        client.setCallback(new ResubscribingCallback(client, callback, toRestore, connected));
        try {
            client.connect(options, null, new ActionListener(error -> {
                connected.completeExceptionally(error);
                closeInBackground(client);
            }));
        } catch (MqttException e) {
            closeQuietly(client);
            connected.completeExceptionally(e);
        }
        return connected;
    }

    /** Where this connector connects. */
    public MqttEndpoint endpoint() {
        return endpoint;
    }

    private MqttConnectionOptions connectionOptions() throws IOException, GeneralSecurityException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(new NoDelaySocketFactory(PemTls.clientContext(endpoint).getSocketFactory()));
        options.setHttpsHostnameVerificationEnabled(true);
        options.setConnectionTimeout((int) Math.max(1, (connectTimeout.toMillis() + 999) / 1000));
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 10);
        options.setCleanStart(true);
        // A bounded window of unacknowledged deliveries: a broker hands shared-subscription messages to the
        // instance with room in its window, so a small window spreads the load over all instances.
        options.setReceiveMaximum(RECEIVE_MAXIMUM);
        options.setKeepAliveInterval(30);
        return options;
    }

    /** For Paho's own threads, which must not wait for the client they serve. */
    static void closeInBackground(MqttAsyncClient client) {
        CompletableFuture.runAsync(() -> closeQuietly(client));
    }

    /** Disconnects (waiting up to 5 s) and closes; never throws. Not for Paho callback threads (it waits). */
    public static void closeQuietly(MqttAsyncClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing MQTT client {} failed", client.getClientId(), e);
        }
    }
}
