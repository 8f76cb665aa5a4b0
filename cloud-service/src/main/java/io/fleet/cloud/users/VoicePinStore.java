package io.fleet.cloud.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Voice PINs in PostgreSQL ({@code voice_pin}, V7): hashed with {@link PinHash}, with the wrong-PIN count and the
 * lock of {@link PinLockout} in the same row. A check locks the row ({@code SELECT ... FOR UPDATE}) for the length of
 * its hash comparison, so guesses for one user are taken one after another and the third wrong one locks even when
 * they arrive together, across instances. No PIN is ever logged or kept in memory.
 *
 * <p>Threads: {@link #check} runs on the {@code blocking} executor; {@link #setPin} blocks its caller (the admin API
 * runs it on a worker).
 */
public final class VoicePinStore implements VoicePins {

    private final DataSource dataSource;
    private final Executor blocking;
    private final Clock clock;
    private final int iterations;

    public VoicePinStore(DataSource dataSource, Executor blocking, Clock clock) {
        this(dataSource, blocking, clock, PinHash.DEFAULT_ITERATIONS);
    }

    /** {@code iterations} of PBKDF2 for new PINs; tests use fewer than the default to stay quick. */
    public VoicePinStore(DataSource dataSource, Executor blocking, Clock clock, int iterations) {
        this.dataSource = dataSource;
        this.blocking = blocking;
        this.clock = clock;
        this.iterations = iterations;
    }

    /**
     * Sets (or replaces) the voice PIN of the user {@code name}; a new PIN also ends a lock and the count of wrong
     * ones. @throws IllegalArgumentException for a PIN that is not four digits or an unknown user
     */
    public void setPin(String name, String pin) throws SQLException {
        PinHash.checkWellFormed(pin);
        String hash = PinHash.hash(pin, iterations);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO voice_pin (user_id, pin_hash, failed_attempts, "
                     + "locked_until, updated_at) SELECT id, ?, 0, NULL, ? FROM app_user WHERE name = ? "
                     + "ON CONFLICT (user_id) DO UPDATE SET pin_hash = EXCLUDED.pin_hash, failed_attempts = 0, "
                     + "locked_until = NULL, updated_at = EXCLUDED.updated_at")) {
            s.setString(1, hash);
            s.setLong(2, clock.millis());
            s.setString(3, name);
            if (s.executeUpdate() == 0) {
                throw new NoSuchUserException(name);
            }
        }
    }

    @Override
    public CompletableFuture<VoicePinCheck> check(User user, Optional<String> pin) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return checkNow(user.name(), pin);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, blocking);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private VoicePinCheck checkNow(String name, Optional<String> pin) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                VoicePinCheck result = checkIn(c, name, pin);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private VoicePinCheck checkIn(Connection c, String name, Optional<String> pin) throws SQLException {
        long userId;
        String hash;
        PinLockout lockout;
        try (PreparedStatement s = c.prepareStatement("SELECT p.user_id, p.pin_hash, p.failed_attempts, "
                + "p.locked_until FROM voice_pin p JOIN app_user u ON u.id = p.user_id WHERE u.name = ? "
                + "FOR UPDATE OF p")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return new VoicePinCheck.NotSet();
                }
                userId = r.getLong(1);
                hash = r.getString(2);
                lockout = new PinLockout(r.getInt(3), r.getLong(4));
            }
        }
        long now = clock.millis();
        if (lockout.lockedAt(now)) {
            return new VoicePinCheck.Locked(lockout.remaining(now));
        }
        if (pin.isEmpty()) {
            return new VoicePinCheck.Required();
        }
        if (PinHash.matches(pin.get(), hash)) {
            save(c, userId, PinLockout.fresh(), now);
            return new VoicePinCheck.Accepted();
        }
        PinLockout after = lockout.afterWrong(now);
        save(c, userId, after, now);
        return after.wrongAnswer(now);
    }

    private static void save(Connection c, long userId, PinLockout lockout, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE voice_pin SET failed_attempts = ?, locked_until = ?, "
                + "updated_at = ? WHERE user_id = ?")) {
            s.setInt(1, lockout.failedAttempts());
            if (lockout.lockedUntil() == 0) {
                s.setNull(2, Types.BIGINT);
            } else {
                s.setLong(2, lockout.lockedUntil());
            }
            s.setLong(3, now);
            s.setLong(4, userId);
            s.executeUpdate();
        }
    }
}
