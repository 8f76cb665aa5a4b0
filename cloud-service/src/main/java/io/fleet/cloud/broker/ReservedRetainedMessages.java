package io.fleet.cloud.broker;

import com.hivemq.extension.sdk.api.services.publish.RetainedMessageStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes retained messages on {@code $aws/} topics from the broker's store. The {@link TopicPolicy} refuses them,
 * but versions before it let a device retain a forged {@code .../shadow/update/accepted} or {@code .../update/delta},
 * and HiveMQ's file persistence would keep handing it to every later subscriber across restarts. Run once at start,
 * before the listeners take clients.
 */
final class ReservedRetainedMessages {

    private static final Logger LOG = LoggerFactory.getLogger(ReservedRetainedMessages.class);
    private static final String RESERVED_PREFIX = "$aws/";

    private ReservedRetainedMessages() {
    }

    /** Completes with the topics whose retained message was removed. */
    static CompletableFuture<List<String>> purge(RetainedMessageStore store) {
        List<String> topics = new CopyOnWriteArrayList<>();
        return store.iterateAllRetainedMessages((context, retained) -> {
            if (retained.getTopic().startsWith(RESERVED_PREFIX)) {
                topics.add(retained.getTopic());
            }
        }).thenCompose(iterated -> CompletableFuture.allOf(topics.stream().map(store::remove)
                .toArray(CompletableFuture[]::new))).thenApply(removed -> {
                    if (!topics.isEmpty()) {
                        LOG.warn("removed {} retained message(s) on reserved $aws/ topics, which no client may retain"
                                + " (stored by an earlier version; the first: {})", topics.size(), topics.get(0));
                    }
                    return List.copyOf(topics);
                });
    }
}
