package io.fleet.model.log.internal;

import io.fleet.model.log.ReadStats;

/** The mutable tally behind {@link ReadStats}; one per reader, used from the reader's thread only. */
public final class ReadCounter {

    private long records;
    private long skipped;
    private long rejected;

    public void record() {
        records++;
    }

    public void skip() {
        skipped++;
    }

    public void reject() {
        rejected++;
    }

    public ReadStats snapshot() {
        return new ReadStats(records, skipped, rejected);
    }
}
