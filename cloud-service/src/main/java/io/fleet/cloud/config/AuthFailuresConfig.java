package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Throttling of failed bearer-token authentications: a token bucket per client address (IPv6: per /64) and one
 * for the whole service. A request with a token that fails takes one from each; one whose bucket is empty gets
 * 429 with Retry-After before any database lookup.
 *
 * @param addressBurst      failures one address may have in a row (default 20)
 * @param addressPerSecond  then this many per second (default 2)
 * @param globalBurst       failures from all addresses together in a row (default 1000)
 * @param globalPerSecond   then this many per second (default 100)
 * @param trackedAddresses  addresses remembered at most (default 50,000: ~10 MB of heap, ~200 B each, measured; the
 *                          least recently failing are forgotten first, which the global bucket makes harmless)
 */
public record AuthFailuresConfig(int addressBurst, double addressPerSecond, int globalBurst, double globalPerSecond,
                                 int trackedAddresses) {
    public AuthFailuresConfig {
        atLeastOne("addressBurst", addressBurst);
        positive("addressPerSecond", addressPerSecond);
        atLeastOne("globalBurst", globalBurst);
        positive("globalPerSecond", globalPerSecond);
        atLeastOne("trackedAddresses", trackedAddresses);
    }

    @JsonCreator
    static AuthFailuresConfig fromYaml(@JsonProperty("addressBurst") Integer addressBurst,
                                       @JsonProperty("addressPerSecond") Double addressPerSecond,
                                       @JsonProperty("globalBurst") Integer globalBurst,
                                       @JsonProperty("globalPerSecond") Double globalPerSecond,
                                       @JsonProperty("trackedAddresses") Integer trackedAddresses) {
        return new AuthFailuresConfig(addressBurst != null ? addressBurst : 20,
                addressPerSecond != null ? addressPerSecond : 2.0, globalBurst != null ? globalBurst : 1000,
                globalPerSecond != null ? globalPerSecond : 100.0,
                trackedAddresses != null ? trackedAddresses : 50_000);
    }

    public static AuthFailuresConfig defaults() {
        return fromYaml(null, null, null, null, null);
    }

    private static void atLeastOne(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("users.authFailures." + key + " must be at least 1, got " + value);
        }
    }

    private static void positive(String key, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("users.authFailures." + key + " must be a number above 0, got "
                    + value);
        }
    }
}
