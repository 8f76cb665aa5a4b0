package io.fleet.cloud.broker;

import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.fleet.cloud.shadow.QueueingShadowPublisher;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the shadow service's answers inside the embedded broker through HiveMQ's publish service: no client
 * connection, no TLS, no PUBACK round trip; HiveMQ routes them to subscribers like any QoS 1 publish.
 *
 * <p>Threads: {@link #publish} is called by commit-lane threads; completions run on HiveMQ's threads.
 */
public final class HiveMqShadowPublisher implements QueueingShadowPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(HiveMqShadowPublisher.class);

    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    @Override
    public void publish(String topic, byte[] payload) {
        inFlight.incrementAndGet();
        try {
            Services.publishService().publish(Builders.publish().topic(topic).qos(Qos.AT_LEAST_ONCE)
                    .payload(ByteBuffer.wrap(payload)).build()).whenComplete((ok, failure) -> {
                        inFlight.decrementAndGet();
                        if (failure != null) {
                            failed.incrementAndGet();
                            LOG.warn("publish to {} failed: {}", topic, failure.toString());
                        }
                    });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            failed.incrementAndGet();
            LOG.warn("publish to {} refused: {}", topic, e.toString());
        }
    }

    /** Answers handed to HiveMQ and not yet routed. */
    @Override
    public long queuedCount() {
        return inFlight.get();
    }

    /** Answers HiveMQ could not route. */
    @Override
    public long failedCount() {
        return failed.get();
    }

    /** Waits until HiveMQ has routed every answer, or the timeout passes. */
    @Override
    public void awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
