package io.fleet.cloud.ingest;

import io.fleet.cloud.ingest.scenario.Scenario;
import java.util.List;

/** What scenario detection found in a drive log: the events, the trip summary and what a reader should know. */
record ScenarioFindings(List<Scenario> scenarios, TripSummary trip, List<String> warnings) {

    ScenarioFindings {
        scenarios = List.copyOf(scenarios);
        warnings = List.copyOf(warnings);
    }
}
