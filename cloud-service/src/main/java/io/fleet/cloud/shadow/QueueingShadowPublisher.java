package io.fleet.cloud.shadow;

import java.time.Duration;

/** A {@link ShadowPublisher} whose answers may wait on their way to the broker: how many, how many failed, drain. */
public interface QueueingShadowPublisher extends ShadowPublisher {

    /** Waits until every answer has been handed to the broker, or the timeout passes. */
    void awaitDrained(Duration timeout);

    /** Answers waiting to reach the broker. */
    long queuedCount();

    /** Answers that could not be delivered to the broker. */
    long failedCount();
}
