package io.fleet.cloud.vehicles;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a vehicle listing: the vehicles, how many match the filter in all ({@code total}) and, when more
 * follow, the id the next page starts after.
 */
public record VehiclePage(List<VehicleView> vehicles, long total, Optional<String> lastOfPage) {

    public VehiclePage {
        vehicles = List.copyOf(vehicles);
        Objects.requireNonNull(lastOfPage, "lastOfPage");
    }
}
