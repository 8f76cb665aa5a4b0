package io.fleet.cloud.users;

import java.time.Duration;

/**
 * The lockout rule of voice PINs, apart from where its state is kept: {@link #MAX_WRONG} wrong PINs in a row lock
 * voice unlock for {@link #LOCK}; a right PIN starts the count again, and so does the end of a lock.
 *
 * @param failedAttempts wrong PINs since the last right one or the last lock (a lock starts the count again)
 * @param lockedUntil    epoch millis until which the user is locked; 0 when not locked
 */
public record PinLockout(int failedAttempts, long lockedUntil) {

    public static final int MAX_WRONG = 3;
    public static final Duration LOCK = Duration.ofMinutes(15);

    public PinLockout {
        if (failedAttempts < 0 || failedAttempts >= MAX_WRONG) {
            throw new IllegalArgumentException("failedAttempts must be 0-" + (MAX_WRONG - 1) + ", got "
                    + failedAttempts);
        }
    }

    public static PinLockout fresh() {
        return new PinLockout(0, 0);
    }

    /** The lock still to run at {@code now}; zero or negative when not locked. */
    public Duration remaining(long now) {
        return Duration.ofMillis(lockedUntil - now);
    }

    public boolean lockedAt(long now) {
        return lockedUntil > now;
    }

    /** The state after a wrong PIN at {@code now} (not locked then): one more failure, or a lock of {@link #LOCK}. */
    public PinLockout afterWrong(long now) {
        int failures = failedAttempts + 1;
        return failures >= MAX_WRONG ? new PinLockout(0, now + LOCK.toMillis()) : new PinLockout(failures, 0);
    }

    /** What a wrong PIN that led to this state is answered at {@code now}. */
    public VoicePinCheck wrongAnswer(long now) {
        return lockedAt(now) ? new VoicePinCheck.Locked(remaining(now))
                : new VoicePinCheck.Wrong(MAX_WRONG - failedAttempts);
    }
}
