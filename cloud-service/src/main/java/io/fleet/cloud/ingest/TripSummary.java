package io.fleet.cloud.ingest;

import java.util.Optional;

/**
 * A drive's summary for the catalog.
 *
 * @param distanceMetres  the speed signal integrated over time (trapezoids between samples); empty without one
 * @param durationSeconds from the first to the last frame; empty without absolute time
 * @param maxSpeed        the highest speed sample in m/s; empty without a speed signal
 */
public record TripSummary(Optional<Double> distanceMetres, Optional<Double> durationSeconds,
                          Optional<Double> maxSpeed) {

    static final TripSummary NONE = new TripSummary(Optional.empty(), Optional.empty(), Optional.empty());
}
