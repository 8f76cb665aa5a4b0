package io.fleet.cloud.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A campaign as the API shows it. JSON-valued fields ({@code outputs}, {@code expect}, {@code match}) are the JSON
 * text as given.
 *
 * @param counts runs per state
 * @param runs   its runs in id order (empty in listings)
 */
public record Campaign(long id, String name, List<String> capabilities, String outputs, Optional<String> expect,
                       Optional<String> match, boolean capture, int priority, int retries, String createdBy,
                       Instant createdAt, Optional<Instant> canceledAt, Map<RunState, Integer> counts,
                       List<CampaignRun> runs) {

    public Campaign {
        capabilities = List.copyOf(capabilities);
        counts = Map.copyOf(counts);
        runs = List.copyOf(runs);
    }

    /** CANCELED once cancelled, DONE when every run is over, else ACTIVE. */
    public String status() {
        if (canceledAt.isPresent()) {
            return "CANCELED";
        }
        boolean open = counts.entrySet().stream().anyMatch(e -> !e.getKey().isOver() && e.getValue() > 0);
        return open ? "ACTIVE" : "DONE";
    }
}
