package io.fleet.cloud.mqtt;

import io.fleet.cloud.shadow.QueueingShadowPublisher;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the shadow service's QoS 1 messages through a Paho client. The broker limits how many QoS 1 messages
 * may be in flight (its receive maximum), so messages wait in an unbounded-by-design queue in order and are
 * handed to Paho as acknowledgements free slots. The queue is bounded in practice by the commit lanes' limits.
 *
 * <p>Threads: {@link #publish} is called by commit-lane threads; acknowledgements arrive on Paho's callback
 * thread. Whoever frees or fills a slot drains the queue.
 */
public final class PahoShadowPublisher implements QueueingShadowPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(PahoShadowPublisher.class);

    private volatile MqttAsyncClient client;
    private final Queue<Message> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger draining = new AtomicInteger();
    private final AtomicLong failed = new AtomicLong();
    private final MqttActionListener onAck = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            drain();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            failed.incrementAndGet();
            LOG.warn("publish to {} failed: {}", String.join(",", token.getTopics()), e.toString());
            drain();
        }
    };

    /** Messages queue until {@link #attach} names the connected client. */
    public PahoShadowPublisher() {
    }

    public void attach(MqttAsyncClient connected) {
        this.client = connected;
        drain();
    }

    /** Waits until every queued message has been handed to the client, or the timeout passes. */
    @Override
    public void awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            drain();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void publish(String topic, byte[] payload) {
        pending.add(new Message(topic, payload));
        drain();
    }

    /** Messages that could not be delivered to the broker. */
    @Override
    public long failedCount() {
        return failed.get();
    }

    @Override
    public long queuedCount() {
        return pending.size();
    }

    private void drain() {
        // Only one thread drains at a time; a caller that finds it busy leaves a note so the drainer loops again.
        MqttAsyncClient target = client;
        if (target == null || draining.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Message next;
            while ((next = pending.peek()) != null) {
                try {
                    target.publish(next.topic(), next.payload(), 1, false, null, onAck);
                    pending.poll();
                } catch (MqttException e) {
                    if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT
                            || e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED) {
                        break; // an acknowledgement or the reconnect drains again
                    }
                    pending.poll();
                    failed.incrementAndGet();
                    LOG.warn("publish to {} refused: {}", next.topic(), e.toString());
                }
            }
            missed = draining.addAndGet(-missed);
        } while (missed != 0);
    }

    /** Retries the queue, e.g. after a reconnect. */
    public void resume() {
        drain();
    }

    private record Message(String topic, byte[] payload) {
    }
}
