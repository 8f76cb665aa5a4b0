package io.fleet.cloud.crash;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends requests 1, 2, 3, ... one at a time until the service stops answering (or the test stops it), and remembers
 * what the service acknowledged. Request numbers are never reused, across rounds and crashes too. Runs on a thread
 * of its own per round.
 *
 * @param <A> what an acknowledgement tells
 */
abstract class AcknowledgedWriter<A> implements Runnable {

    private final List<A> acknowledged = new ArrayList<>();
    private volatile long lastSent;
    private volatile boolean stopped;
    private volatile Exception ended;

    /** Sends request number {@code n}; returns what the service acknowledged, or throws. */
    abstract A send(long n) throws Exception;

    /** A name for reports. */
    abstract String name();

    /** Closes what one round opened. */
    void endRound() {
    }

    @Override
    public void run() {
        stopped = false;
        while (!stopped) {
            A ack;
            try {
                ack = send(++lastSent);
            } catch (Exception e) {
                ended = e;
                return; // the service is gone; whether the request took effect is for the check after restart
            }
            synchronized (acknowledged) {
                acknowledged.add(ack);
            }
        }
    }

    void stop() {
        stopped = true;
    }

    List<A> acknowledged() {
        synchronized (acknowledged) {
            return List.copyOf(acknowledged);
        }
    }

    long lastSent() {
        return lastSent;
    }

    /** What ended the last round's writing (the kill, as a rule), for the test's report. */
    Exception ended() {
        return ended;
    }
}
