package io.fleet.cloud.api;

import io.fleet.cloud.controlplane.ControlPlaneException;
import io.fleet.cloud.controlplane.Page;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The paging query parameters the app API's listings share ({@code GET /api/vehicles}, {@code GET /api/campaigns}):
 * {@code limit} (a page size from 1 to the listing's maximum; absent: everything in one answer) and {@code nextToken}
 * (the previous page's, {@link Page#tokenAfter}). A bad value is IllegalArgumentException naming the parameter, what
 * it must be and what came.
 */
final class PageParameters {

    private PageParameters() {
    }

    static OptionalInt limit(String raw, int max) {
        if (raw == null || raw.isEmpty()) {
            return OptionalInt.empty();
        }
        int limit;
        try {
            limit = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number from 1 to " + max + ", got '" + raw
                    + "'");
        }
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("limit must be a whole number from 1 to " + max + ", got " + limit);
        }
        return OptionalInt.of(limit);
    }

    /** The name the page starts after; empty for the first page. */
    static Optional<String> after(String token) {
        try {
            return Optional.ofNullable(Page.after(token));
        } catch (ControlPlaneException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** The numeric id the page starts after (listings by id); empty for the first page. */
    static Optional<Long> afterId(String token) {
        Optional<String> after = after(token);
        try {
            return after.map(Long::valueOf);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("nextToken '" + token + "' is not a token this service issued");
        }
    }
}
