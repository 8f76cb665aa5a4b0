package io.fleet.cloud.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.AdjustableClock;
import io.fleet.cloud.config.TestConfig;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The failed-authentication throttle on a clock that moves only when the test says so. */
class AuthFailureThrottleTest {

    private final AdjustableClock clock = AdjustableClock.standingStill();

    private AuthFailureThrottle throttle(int addressBurst, double addressPerSecond, int globalBurst,
                                         double globalPerSecond, int trackedAddresses) {
        return new AuthFailureThrottle(TestConfig.authFailures().perAddress(addressBurst, addressPerSecond)
                .global(globalBurst, globalPerSecond).trackedAddresses(trackedAddresses).build(), clock);
    }

    @Test
    void anAddressHasItsBurstThenItsRateAndIsToldWhenToComeBack() {
        AuthFailureThrottle throttle = throttle(20, 2, 1000, 100, 1000);
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.acquire("203.0.113.7")).as("failure %d of the burst", i + 1).isEmpty();
        }
        Optional<AuthFailureThrottle.Refusal> refused = throttle.acquire("203.0.113.7");
        assertThat(refused).hasValueSatisfying(r -> {
            assertThat(r.retryAfterSeconds()).isEqualTo(1);
            assertThat(r.global()).isFalse();
        });
        clock.advance(Duration.ofMillis(499));
        assertThat(throttle.acquire("203.0.113.7")).as("2 per second: not yet after 499 ms").isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.acquire("203.0.113.7")).as("one try back after 500 ms").isEmpty();
        assertThat(throttle.acquire("203.0.113.7")).isPresent();
        assertThat(throttle.refusals()).isEqualTo(3);
    }

    @Test
    void retryAfterIsEnoughEvenForRatesThatDoNotDivideASecond() {
        AuthFailureThrottle throttle = throttle(3, 0.3, 1000, 100, 1000);
        for (int round = 0; round < 10; round++) {
            while (throttle.acquire("198.51.100.1").isEmpty()) {
                // use up what there is
            }
            long wait = throttle.acquire("198.51.100.1").orElseThrow().retryAfterSeconds();
            assertThat(wait).isBetween(1L, 4L);
            clock.advance(Duration.ofSeconds(wait));
            assertThat(throttle.acquire("198.51.100.1")).as("round %d: back after Retry-After %d s", round, wait)
                    .isEmpty();
        }
    }

    @Test
    void goodTokensGiveTheirTryBackSoOnlyFailuresCount() {
        AuthFailureThrottle throttle = throttle(5, 1, 10, 1, 1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(throttle.acquire("192.0.2.1")).isEmpty();
            throttle.release("192.0.2.1");
        }
        assertThat(throttle.refusals()).isZero();
    }

    @Test
    void aThrottledAddressDoesNotThrottleAnother() {
        AuthFailureThrottle throttle = throttle(5, 1, 1000, 100, 1000);
        for (int i = 0; i < 5; i++) {
            throttle.acquire("192.0.2.1");
        }
        assertThat(throttle.acquire("192.0.2.1")).isPresent();
        assertThat(throttle.acquire("192.0.2.2")).isEmpty();
    }

    @Test
    void theGlobalBucketCapsFailuresFromManyAddressesWithoutChargingTheRefusedAddress() {
        AuthFailureThrottle throttle = throttle(5, 1, 10, 2, 1000);
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.acquire("10.0.0." + i)).isEmpty();
        }
        Optional<AuthFailureThrottle.Refusal> refused = throttle.acquire("10.0.1.1");
        assertThat(refused).hasValueSatisfying(r -> {
            assertThat(r.global()).isTrue();
            assertThat(r.retryAfterSeconds()).isEqualTo(1);
        });
        clock.advance(Duration.ofSeconds(3)); // 6 global tries back, 3 per address
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.acquire("10.0.1.1")).as("the refusal took nothing from its burst: try %d", i + 1)
                    .isEmpty();
        }
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64() {
        AuthFailureThrottle throttle = throttle(3, 1, 1000, 100, 1000);
        throttle.acquire("2001:db8:1:2::1");
        throttle.acquire("2001:db8:1:2::2");
        throttle.acquire("2001:db8:1:2:ffff:ffff:ffff:ffff");
        assertThat(throttle.acquire("2001:db8:1:2::abcd")).as("same /64").isPresent();
        assertThat(throttle.acquire("2001:db8:1:3::1")).as("another /64").isEmpty();
        assertThat(AuthFailureThrottle.key("::ffff:192.0.2.9")).isEqualTo("192.0.2.9");
        assertThat(AuthFailureThrottle.key("192.0.2.9")).isEqualTo("192.0.2.9");
    }

    @Test
    void theAddressTableStaysWithinItsBoundAndForgetsAddressesWhoseBucketIsFullAgain() {
        AuthFailureThrottle throttle = throttle(20, 2, 1_000_000, 1_000_000, 100);
        for (int i = 0; i < 10_000; i++) {
            throttle.acquire("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertThat(throttle.trackedAddresses()).isLessThanOrEqualTo(100);
        clock.advance(Duration.ofSeconds(10)); // 20 tries at 2 per second: every bucket is full again
        assertThat(throttle.trackedAddresses()).isZero();
    }
}
