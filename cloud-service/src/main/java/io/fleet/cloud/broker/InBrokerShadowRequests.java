package io.fleet.cloud.broker;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Shadow requests taken straight off the embedded broker, without a network hop: while a handler is attached, an
 * authorized publish to a shadow request topic ({@code $aws/things/<thing>/shadow/[name/<name>/]update|get|delete})
 * goes to the handler instead of to subscribers, and its PUBACK is a success. Detached (the default, and with an
 * external broker), requests reach the service's shared subscriptions as usual. A second instance takes the Jobs
 * device API's requests ({@code $aws/things/<thing>/jobs/...}) the same way.
 *
 * <p>Threads: the handler runs on HiveMQ's extension-task threads and must hand the work on without blocking.
 */
public final class InBrokerShadowRequests {

    private volatile BiConsumer<String, byte[]> handler;
    private final AtomicLong taken = new AtomicLong();

    /** From now on, shadow requests go to {@code requests} (topic, payload). */
    public void attach(BiConsumer<String, byte[]> requests) {
        this.handler = requests;
    }

    /** Stops taking requests (graceful shutdown): later ones are delivered to subscribers, if any. */
    public void detach() {
        this.handler = null;
    }

    boolean isAttached() {
        return handler != null;
    }

    /** Hands one request over; false when no handler is attached any more. */
    boolean offer(String topic, byte[] payload) {
        BiConsumer<String, byte[]> current = handler;
        if (current == null) {
            return false;
        }
        current.accept(topic, payload);
        taken.incrementAndGet();
        return true;
    }

    /** Requests taken so far; HiveMQ counts each as a dropped message ("extension prevented onward delivery"). */
    long taken() {
        return taken.get();
    }
}
