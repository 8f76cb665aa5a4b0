package io.fleet.rig.replay;

import java.util.Locale;

/**
 * How many sender threads a replay runs ({@code --senders}). A sender busy-waits the last microseconds before each
 * deadline, so it needs a core of its own: with more senders than spare cores the kernel hands cores between them in
 * whole scheduler slices and every output becomes milliseconds late.
 */
public enum SenderMode {
    /** One thread per output, each waiting only for its own deadlines: outputs never wait for each other. */
    PER_OUTPUT,
    /**
     * One thread for all outputs that always sends the earliest-deadline record across the outputs' queues: a
     * single busy-waiting thread, but a slow send on one output delays the others' frames due at the same time.
     */
    SHARED,
    /**
     * {@link #PER_OUTPUT} while every output's sender can have a core with one core left over, else
     * {@link #SHARED}.
     */
    AUTO;

    /** The mode to run with {@code outputs} outputs on {@code cores} cores; never {@link #AUTO}. */
    public SenderMode resolve(int outputs, int cores) {
        if (this != AUTO) {
            return this;
        }
        return outputs < cores ? PER_OUTPUT : SHARED;
    }

    /** The mode for this machine ({@link Runtime#availableProcessors()}). */
    public SenderMode resolve(int outputs) {
        return resolve(outputs, Runtime.getRuntime().availableProcessors());
    }

    /** How many threads busy-wait in this (resolved) mode. */
    public int senderThreads(int outputs) {
        return this == SHARED ? 1 : outputs;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
