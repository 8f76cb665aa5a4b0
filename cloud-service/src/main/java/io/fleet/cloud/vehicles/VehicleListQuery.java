package io.fleet.cloud.vehicles;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Which vehicles a listing shows: those whose id contains {@code idContains} (ignoring case), only online or only
 * offline ones when {@code online} says so, in id order (bytewise) after {@code after}, at most {@code limit}
 * (none: all of them, as clients written before paging expect). Invalid values are IllegalArgumentException
 * naming the query parameter ({@code q}, {@code limit}).
 */
public record VehicleListQuery(String idContains, Optional<Boolean> online, Optional<String> after,
                               OptionalInt limit) {

    public static final int MAX_LIMIT = 500;
    private static final Pattern ID_PART = Pattern.compile("[a-zA-Z0-9:_-]{0,128}");

    public VehicleListQuery {
        Objects.requireNonNull(idContains, "idContains");
        Objects.requireNonNull(online, "online");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(limit, "limit");
        if (!ID_PART.matcher(idContains).matches()) {
            throw new IllegalArgumentException("q must be part of a vehicle id (at most 128 of a-z A-Z 0-9 : _ -), "
                    + "got '" + idContains + "'");
        }
        if (limit.isPresent() && (limit.getAsInt() < 1 || limit.getAsInt() > MAX_LIMIT)) {
            throw new IllegalArgumentException("limit must be a whole number from 1 to " + MAX_LIMIT + ", got "
                    + limit.getAsInt());
        }
    }

    /** Every vehicle, unfiltered, in one list. */
    public static VehicleListQuery all() {
        return new VehicleListQuery("", Optional.empty(), Optional.empty(), OptionalInt.empty());
    }

    boolean matches(VehicleView vehicle) {
        return vehicle.vehicle().toLowerCase(Locale.ROOT).contains(idContains.toLowerCase(Locale.ROOT))
                && online.map(wanted -> wanted == vehicle.online()).orElse(true);
    }
}
