package io.fleet.rig.replay;

import io.fleet.model.Checks;
import io.fleet.model.bus.BusRecord;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.ReadStats;
import io.fleet.rig.output.BusOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The warm-up before a replay's timeline starts: a whole replay of the source's first records, with the same reader,
 * queues, sender threads and output classes as the real one, but every deadline already due and every output
 * replaced by its {@link BusOutput#rehearsal() rehearsal} (nothing reaches the device under test). A fresh JVM runs
 * this path interpreted for its first ~0.5 s and loads classes on first use; rehearsed, the real replay starts with
 * the path loaded and compiled and is on time from its first frame (BENCHMARKS.md, cold start).
 *
 * <p>Runs on the controlling thread, which it blocks until the rehearsal's threads have ended.
 */
public final class ReplayRehearsal {

    /** Faster than any log: every deadline of the rehearsal is due at once. */
    private static final double DUE_AT_ONCE = 1e9;
    /** Records per rehearsal round. */
    private static final int ROUND = 10_000;
    /** Enough for the JIT's tiers; and a log of a few records is not worth thousands of rounds. */
    private static final int MAX_ROUNDS = 10;

    private ReplayRehearsal() {
    }

    /** What the rehearsal did: records sent to the stand-ins and how long it took. */
    public record Result(long records, long nanos) {
    }

    /**
     * Replays the first {@code records} records of {@code source} (the window is ignored: the reader still decodes
     * them) onto rehearsals of {@code outputs}, with the real replay's filter, channel map, batching, sender mode
     * and clock.
     */
    public static Result rehearse(RecordSource source, List<BusOutput> outputs, ReplayOptions options,
                                  ReplayClock clock, SenderMode mode, int records)
            throws IOException, InterruptedException {
        Checks.nonNegative(records, "records");
        if (records == 0) {
            return new Result(0, 0);
        }
        long started = System.nanoTime();
        long rehearsed = 0;
        JitSettling jit = new JitSettling();
        // Rounds over the first records until N are sent, and on while the JIT still compiled during the last round
        // (each tier needs more calls); a short log still reaches the higher tiers this way.
        for (int round = 0; round < MAX_ROUNDS && (rehearsed < records || jit.compiledSinceLastAsked()); round++) {
            long sent = rehearseOnce(new FirstRecords(source, Math.min(ROUND, records)), outputs, options, clock,
                    mode);
            if (sent == 0) {
                break; // nothing the outputs take (all filtered or unmapped): the real replay will say so
            }
            rehearsed += sent;
        }
        jit.awaitQuiet();
        JitSettling.flushInlineCaches();
        return new Result(rehearsed, System.nanoTime() - started);
    }

    private static long rehearseOnce(RecordSource firstRecords, List<BusOutput> outputs, ReplayOptions options,
                                     ReplayClock clock, SenderMode mode) throws IOException, InterruptedException {
        List<BusOutput> standIns = new ArrayList<>();
        try {
            for (BusOutput output : outputs) {
                standIns.add(output.rehearsal());
            }
            ReplayOptions rehearsal = options.withSpeed(DUE_AT_ONCE).withWindow(0, Long.MAX_VALUE).withLoops(1, 0)
                    .withTiming(options.queueCapacity(), options.spinNanos(), 0, options.maxBatch()).withPrefill(0);
            ReplaySession session = new ReplaySession(firstRecords, standIns, rehearsal, clock,
                    ReplaySession.defaultThreads(), SendObserver.NONE, mode);
            session.start();
            return session.awaitResult().sent();
        } finally {
            for (BusOutput standIn : standIns) {
                standIn.close();
            }
        }
    }

    /** The first {@code limit} records of a source. */
    private record FirstRecords(RecordSource source, int limit) implements RecordSource {

        @Override
        public LogReader open() throws IOException {
            LogReader reader = source.open();
            return new LogReader() {
                private int read;

                @Override
                public BusRecord next() throws IOException {
                    return read++ < limit ? reader.next() : null;
                }

                @Override
                public ReadStats stats() {
                    return reader.stats();
                }

                @Override
                public void close() throws IOException {
                    reader.close();
                }
            };
        }

        @Override
        public String name() {
            return source.name();
        }
    }
}
