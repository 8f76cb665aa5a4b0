package io.fleet.cloud.users;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fleet.cloud.config.AuthFailuresConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Throttles failed bearer-token authentications: one token bucket per client address and one for the whole
 * service (see {@link AuthFailuresConfig}). Every token that needs a lookup first takes a try from both
 * buckets ({@link #acquire}); a good token gives it back ({@link #release}), so only failures count, and a burst of
 * concurrent guesses cannot overtake the count. An IPv6 client is counted by its /64, which one subscriber holds.
 *
 * <p>The address table is bounded ({@code trackedAddresses}, least recently used out) and an entry is dropped once
 * its bucket would be full again, so many addresses cannot grow memory without bound; forgetting an address only
 * gives it a fresh burst, and the global bucket still caps the total.
 *
 * <p>Threads: any; each bucket is its own lock.
 */
public final class AuthFailureThrottle {

    /** Why a try was refused and when to come back. */
    public record Refusal(long retryAfterSeconds, boolean global) {
    }

    private final AuthFailuresConfig limits;
    private final ClockTicker ticker;
    private final TokenBucket global;
    private final Cache<String, TokenBucket> addresses;
    private final LongAdder refusals = new LongAdder();

    public AuthFailureThrottle(AuthFailuresConfig limits, Clock clock) {
        this.limits = limits;
        this.ticker = new ClockTicker(clock);
        this.global = new TokenBucket(limits.globalBurst(), limits.globalPerSecond(), ticker.read());
        Duration refill = Duration.ofMillis((long) Math.ceil(limits.addressBurst() * 1000 / limits.addressPerSecond()));
        this.addresses = Caffeine.newBuilder().maximumSize(limits.trackedAddresses()).expireAfterAccess(refill)
                .ticker(ticker).executor(Runnable::run).build();
    }

    /** Takes one try for {@code clientAddress} (an IP literal); empty if allowed, else the refusal. */
    public Optional<Refusal> acquire(String clientAddress) {
        long now = ticker.read();
        TokenBucket address = addresses.get(key(clientAddress),
                k -> new TokenBucket(limits.addressBurst(), limits.addressPerSecond(), now));
        if (!address.tryTake(now)) {
            refusals.increment();
            return Optional.of(new Refusal(address.secondsUntilOne(now), false));
        }
        if (!global.tryTake(now)) {
            address.giveBack(now); // this request did nothing, so it is not the address's failure
            refusals.increment();
            return Optional.of(new Refusal(global.secondsUntilOne(now), true));
        }
        return Optional.empty();
    }

    /** Gives back the try of an acquire whose token was good (or could not be checked). */
    public void release(String clientAddress) {
        long now = ticker.read();
        global.giveBack(now);
        TokenBucket address = addresses.getIfPresent(key(clientAddress));
        if (address != null) {
            address.giveBack(now);
        }
    }

    /** Requests refused so far (a metric). */
    public long refusals() {
        return refusals.sum();
    }

    /** Addresses currently remembered. */
    public long trackedAddresses() {
        addresses.cleanUp();
        return addresses.estimatedSize();
    }

    /** The address an IP literal is counted under: IPv4 as is, IPv6 by its /64. */
    static String key(String clientAddress) {
        if (clientAddress == null || clientAddress.indexOf(':') < 0) {
            return String.valueOf(clientAddress);
        }
        try {
            // an IP literal: getByName parses it and never asks DNS
            InetAddress address = InetAddress.getByName(clientAddress);
            if (address instanceof Inet6Address) {
                return HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64";
            }
            return address.getHostAddress(); // an IPv4-mapped IPv6 address
        } catch (UnknownHostException e) {
            return clientAddress;
        }
    }

    /** Tries that refill continuously at {@code perSecond} up to {@code capacity}. Times are ticker nanoseconds. */
    private static final class TokenBucket {
        /** Rounding slack, so a bucket is never a hair short of a try at the second Retry-After named. */
        private static final double SLACK = 1e-9;
        private final double capacity;
        private final double perSecond;
        private double tries;
        private long updated;

        TokenBucket(double capacity, double perSecond, long now) {
            this.capacity = capacity;
            this.perSecond = perSecond;
            this.tries = capacity;
            this.updated = now;
        }

        synchronized boolean tryTake(long now) {
            refill(now);
            if (tries < 1 - SLACK) {
                return false;
            }
            tries -= 1;
            return true;
        }

        synchronized void giveBack(long now) {
            refill(now);
            tries = Math.min(capacity, tries + 1);
        }

        /** Whole seconds until one try is back (at least 1, as Retry-After counts in seconds). */
        synchronized long secondsUntilOne(long now) {
            refill(now);
            return Math.max(1, (long) Math.ceil((1 - SLACK - tries) / perSecond));
        }

        private void refill(long now) {
            if (now > updated) {
                tries = Math.min(capacity, tries + (now - updated) / 1e9 * perSecond);
                updated = now;
            }
        }
    }
}
