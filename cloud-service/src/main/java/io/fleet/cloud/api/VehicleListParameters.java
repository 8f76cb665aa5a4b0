package io.fleet.cloud.api;

import io.fleet.cloud.vehicles.VehicleListQuery;
import io.vertx.core.MultiMap;
import java.util.Optional;

/**
 * The query of {@code GET /api/vehicles}: {@code q} (part of the id), {@code online} ({@code true}/{@code false}),
 * {@code limit} (1-500; absent: every vehicle) and {@code nextToken} (from the previous page). Anything else in
 * them is IllegalArgumentException naming the parameter, what it must be and what came.
 */
final class VehicleListParameters {

    private VehicleListParameters() {
    }

    static VehicleListQuery parse(MultiMap params) {
        String q = params.get("q") == null ? "" : params.get("q");
        return new VehicleListQuery(q, online(params.get("online")), PageParameters.after(params.get("nextToken")),
                PageParameters.limit(params.get("limit"), VehicleListQuery.MAX_LIMIT));
    }

    private static Optional<Boolean> online(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        return switch (raw) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw new IllegalArgumentException("online must be true or false, got '" + raw + "'");
        };
    }
}
