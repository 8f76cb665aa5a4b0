package io.fleet.cloud.ingest;

import io.fleet.cloud.ingest.scenario.Scenario;
import java.util.List;

/**
 * A catalog entry with what only the single-entry view shows: per-signal statistics, the DBCs used, the keys of
 * the objects derived from it (its decoded signals as Parquet) and its scenarios in time order.
 */
public record DriveLogDetail(DriveLog log, List<SignalSummary> signals, List<UsedDbc> dbcs,
                             List<String> derivedObjects, List<Scenario> scenarios) {

    public DriveLogDetail {
        scenarios = List.copyOf(scenarios);
        signals = List.copyOf(signals);
        dbcs = List.copyOf(dbcs);
        derivedObjects = List.copyOf(derivedObjects);
    }
}
