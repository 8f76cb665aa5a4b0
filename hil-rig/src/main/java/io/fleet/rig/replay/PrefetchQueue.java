package io.fleet.rig.replay;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * An output's bounded prefetch queue that also wakes the shared sender when a record arrives. The shared sender
 * cannot block in {@code take()} on one queue while it waits for any of them, and must not poll on the replay clock
 * (a virtual clock would advance), so it parks until {@link #put} or {@link #offer} unparks it.
 */
final class PrefetchQueue extends ArrayBlockingQueue<ScheduledRecord> {

    private static final long serialVersionUID = 1L;

    private final transient Arrivals arrivals;

    PrefetchQueue(int capacity, Arrivals arrivals) {
        super(capacity);
        this.arrivals = arrivals;
    }

    @Override
    public void put(ScheduledRecord record) throws InterruptedException {
        super.put(record);
        arrivals.signal();
    }

    @Override
    public boolean offer(ScheduledRecord record) {
        boolean queued = super.offer(record);
        if (queued) {
            arrivals.signal();
        }
        return queued;
    }

    /** Where the reader tells the one waiting sender that some queue got a record. */
    static final class Arrivals {

        private volatile Thread waiter;

        void signal() {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }

        /**
         * Parks the calling thread until {@code ready} holds. The waiter is published before {@code ready} is
         * checked, and the reader reads it after its put, so no arrival can slip between check and park.
         */
        void await(BooleanSupplier ready) {
            waiter = Thread.currentThread();
            try {
                while (!ready.getAsBoolean()) {
                    LockSupport.park(this);
                }
            } finally {
                waiter = null;
            }
        }
    }
}
