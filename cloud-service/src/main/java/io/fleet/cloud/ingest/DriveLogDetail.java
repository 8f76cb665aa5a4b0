package io.fleet.cloud.ingest;

import java.util.List;

/** A catalog entry with what only the single-entry view shows: per-signal statistics and the DBCs used. */
public record DriveLogDetail(DriveLog log, List<SignalSummary> signals, List<UsedDbc> dbcs) {

    public DriveLogDetail {
        signals = List.copyOf(signals);
        dbcs = List.copyOf(dbcs);
    }
}
