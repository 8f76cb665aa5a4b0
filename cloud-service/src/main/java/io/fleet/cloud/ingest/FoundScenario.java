package io.fleet.cloud.ingest;

import io.fleet.cloud.ingest.scenario.Scenario;

/** A scenario as a search finds it: with the drive log and vehicle it is from. */
public record FoundScenario(long driveLogId, String vehicle, Scenario scenario) {
}
