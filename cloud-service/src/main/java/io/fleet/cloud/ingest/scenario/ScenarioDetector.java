package io.fleet.cloud.ingest.scenario;

/**
 * Finds one kind of scenario in the speed and heading series of a drive log as the log streams by, holding only a
 * bounded window of samples. Samples arrive in time order; what it finds goes to the consumer it was made with. A new
 * scenario type is one implementation plus its entry in {@link ScenarioDetectors#STANDARD}.
 */
public interface ScenarioDetector {

    /** A speed sample in m/s. */
    void speed(long epochNanos, double metresPerSecond);

    /** A heading sample in degrees clockwise from north (0 to 360); most detectors ignore it. */
    default void heading(long epochNanos, double degrees) {
    }

    /** The log ended: an event still open ends at the last sample. */
    void finish();
}
