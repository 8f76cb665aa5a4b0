package io.fleet.rig.source;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.ReadStats;
import io.fleet.rig.replay.RecordSource;
import java.util.List;
import java.util.function.IntFunction;

/** Records held in memory or generated on the fly: tests, benchmarks and dry runs. */
public final class InMemoryRecordSource implements RecordSource {

    private final String name;
    private final long count;
    private final IntFunction<BusRecord> recordAt;

    /** {@code count} records made by {@code recordAt(index)}; generated again for every loop, never stored. */
    public InMemoryRecordSource(String name, long count, IntFunction<BusRecord> recordAt) {
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("count must be in [0, " + Integer.MAX_VALUE + "] (was " + count + ")");
        }
        this.name = name;
        this.count = count;
        this.recordAt = recordAt;
    }

    public static InMemoryRecordSource of(String name, List<? extends BusRecord> records) {
        List<BusRecord> copy = List.copyOf(records);
        return new InMemoryRecordSource(name, copy.size(), copy::get);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LogReader open() {
        return new LogReader() {
            private int next;

            @Override
            public BusRecord next() {
                return next < count ? recordAt.apply(next++) : null;
            }

            @Override
            public ReadStats stats() {
                return new ReadStats(next, 0, 0);
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
