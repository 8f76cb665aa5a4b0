package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Test campaigns and their dispatcher (campaigns.Dispatcher).
 *
 * @param lease            a leased run whose rig sends no execution update (heartbeat) for this long is taken
 *                         back, its job cancelled, and queued for another rig (YAML {@code leaseSeconds},
 *                         default 60)
 * @param dispatchInterval the dispatcher's pass without any event to wake it (YAML
 *                         {@code dispatchIntervalMillis}, default 1000)
 */
public record CampaignsConfig(Duration lease, Duration dispatchInterval) {
    public CampaignsConfig {
        if (lease.toSeconds() < 1 || dispatchInterval.toMillis() < 10) {
            throw new IllegalArgumentException("campaigns: leaseSeconds must be >= 1 and dispatchIntervalMillis "
                    + ">= 10, got " + lease.toSeconds() + ", " + dispatchInterval.toMillis());
        }
    }

    @JsonCreator
    static CampaignsConfig fromYaml(@JsonProperty("leaseSeconds") Integer leaseSeconds,
                                    @JsonProperty("dispatchIntervalMillis") Integer dispatchIntervalMillis) {
        return new CampaignsConfig(YamlValues.seconds(leaseSeconds, 60),
                YamlValues.millis(dispatchIntervalMillis, 1000));
    }

    public static CampaignsConfig defaults() {
        return fromYaml(null, null);
    }

    public CampaignsConfig withLease(Duration time) {
        return new CampaignsConfig(time, dispatchInterval);
    }

    public CampaignsConfig withDispatchInterval(Duration interval) {
        return new CampaignsConfig(lease, interval);
    }
}
