package io.fleet.cloud.ingest;

/** One decoded signal's statistics over a drive log, in the DBC's unit (mean: arithmetic mean of the samples). */
public record SignalSummary(String message, String signal, String unit, long count, double min, double max,
                            double mean) {
}
