package io.fleet.cloud.api;

import io.fleet.cloud.controlplane.ControlPlaneException;
import io.fleet.cloud.controlplane.Page;
import io.fleet.cloud.vehicles.VehicleListQuery;
import io.vertx.core.MultiMap;
import java.util.Optional;
import java.util.OptionalInt;

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
        return new VehicleListQuery(q, online(params.get("online")), after(params.get("nextToken")),
                limit(params.get("limit")));
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

    private static OptionalInt limit(String raw) {
        if (raw == null || raw.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number from 1 to " + VehicleListQuery.MAX_LIMIT
                    + ", got '" + raw + "'");
        }
    }

    private static Optional<String> after(String token) {
        try {
            return Optional.ofNullable(Page.after(token));
        } catch (ControlPlaneException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
