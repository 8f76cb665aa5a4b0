package io.fleet.model.log.internal;

import io.fleet.model.log.ReadStats;
import io.fleet.model.log.Truncation;
import java.util.Optional;

/** The mutable tally behind {@link ReadStats}; one per reader, used from the reader's thread only. */
public final class ReadCounter {

    private long records;
    private long skipped;
    private long rejected;
    private Optional<Truncation> truncation = Optional.empty();

    public void record() {
        records++;
    }

    public void skip() {
        skipped++;
    }

    public void reject() {
        rejected++;
    }

    /** A record cut off by the end of the input: rejected, and the first such cut is kept. */
    public void truncated(Truncation cut) {
        rejected++;
        truncation = truncation.or(() -> Optional.of(cut));
    }

    public ReadStats snapshot() {
        return new ReadStats(records, skipped, rejected, truncation);
    }
}
