package io.fleet.cloud.ingest;

import java.util.List;

/**
 * A catalog entry with what only the single-entry view shows: per-signal statistics, the DBCs used and the keys of
 * the objects derived from it (its decoded signals as Parquet).
 */
public record DriveLogDetail(DriveLog log, List<SignalSummary> signals, List<UsedDbc> dbcs,
                             List<String> derivedObjects) {

    public DriveLogDetail {
        signals = List.copyOf(signals);
        dbcs = List.copyOf(dbcs);
        derivedObjects = List.copyOf(derivedObjects);
    }
}
