package io.fleet.cloud.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.cloud.db.Database;
import io.fleet.cloud.db.EmbeddedDatabaseExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Voice PINs against the real PostgreSQL with fixed clocks: each check is a store of its own at its own instant, so
 * a new store is also a restarted service (the lock must come from the database, not from memory).
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class VoicePinStoreIT {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final AtomicInteger USERS = new AtomicInteger();

    private static VoicePinStore at(Database db, Instant now) {
        return new VoicePinStore(db.dataSource(), Runnable::run, Clock.fixed(now, ZoneOffset.UTC), 1_000);
    }

    /** A new user with PIN 1234 set at {@link #T0}. */
    private static User userWithPin(Database db) throws Exception {
        User user = newUser(db);
        at(db, T0).setPin(user.name(), "1234");
        return user;
    }

    private static User newUser(Database db) throws Exception {
        String name = "pin-user-" + USERS.incrementAndGet();
        UserStore users = new UserStore(db.dataSource(), Runnable::run, Clock.systemUTC(), Duration.ofDays(90));
        users.addUser(name, User.Role.OWNER, List.of("pin-car"));
        return users.find(name).orElseThrow();
    }

    private static VoicePinCheck check(Database db, Instant now, User user, String pin) {
        return at(db, now).check(user, Optional.ofNullable(pin)).join();
    }

    @Test
    void aUserWithoutAPinIsNotSetWhateverIsSaid(Database db) throws Exception {
        User user = newUser(db);

        assertThat(check(db, T0, user, null)).isInstanceOf(VoicePinCheck.NotSet.class);
        assertThat(check(db, T0, user, "1234")).isInstanceOf(VoicePinCheck.NotSet.class);
    }

    @Test
    void theRightPinIsAcceptedAndNoPinIsOnlyRequired(Database db) throws Exception {
        User user = userWithPin(db);

        assertThat(check(db, T0, user, null)).isInstanceOf(VoicePinCheck.Required.class);
        assertThat(check(db, T0, user, "1234")).isInstanceOf(VoicePinCheck.Accepted.class);
    }

    @Test
    void threeWrongPinsLockForFifteenMinutesEvenAcrossARestartAndEvenForTheRightPin(Database db) throws Exception {
        User user = userWithPin(db);

        assertThat(check(db, T0, user, "0000")).isEqualTo(new VoicePinCheck.Wrong(2));
        assertThat(check(db, T0.plusSeconds(10), user, "1111")).isEqualTo(new VoicePinCheck.Wrong(1));
        assertThat(check(db, T0.plusSeconds(20), user, "2222"))
                .isEqualTo(new VoicePinCheck.Locked(Duration.ofMinutes(15)));

        // a later store is a restarted service: the lock is in the database
        Instant later = T0.plusSeconds(20).plus(Duration.ofMinutes(14));
        assertThat(check(db, later, user, "1234")).isEqualTo(new VoicePinCheck.Locked(Duration.ofMinutes(1)));
        assertThat(check(db, later, user, null)).isEqualTo(new VoicePinCheck.Locked(Duration.ofMinutes(1)));
    }

    @Test
    void theLockEndsAfterFifteenMinutesWithAFreshCount(Database db) throws Exception {
        User user = userWithPin(db);
        for (String wrong : List.of("0000", "1111", "2222")) {
            check(db, T0, user, wrong);
        }

        Instant expired = T0.plus(Duration.ofMinutes(15));
        assertThat(check(db, expired, user, null)).isInstanceOf(VoicePinCheck.Required.class);
        assertThat(check(db, expired, user, "0000")).isEqualTo(new VoicePinCheck.Wrong(2));
        assertThat(check(db, expired, user, "1234")).isInstanceOf(VoicePinCheck.Accepted.class);
    }

    @Test
    void aRightPinStartsTheCountAgain(Database db) throws Exception {
        User user = userWithPin(db);

        check(db, T0, user, "0000");
        check(db, T0, user, "1111");
        assertThat(check(db, T0, user, "1234")).isInstanceOf(VoicePinCheck.Accepted.class);
        assertThat(check(db, T0, user, "0000")).isEqualTo(new VoicePinCheck.Wrong(2));
        assertThat(check(db, T0, user, "1111")).isEqualTo(new VoicePinCheck.Wrong(1));
    }

    @Test
    void aNewPinEndsALock(Database db) throws Exception {
        User user = userWithPin(db);
        for (String wrong : List.of("0000", "1111", "2222")) {
            check(db, T0, user, wrong);
        }

        at(db, T0).setPin(user.name(), "4321");

        assertThat(check(db, T0, user, "4321")).isInstanceOf(VoicePinCheck.Accepted.class);
    }

    @Test
    void thePinIsStoredOnlyAsASaltedPbkdf2Hash(Database db) throws Exception {
        User first = userWithPin(db);
        User second = userWithPin(db);

        String one = storedHash(db, first);
        assertThat(one).startsWith("pbkdf2-sha256$1000$").doesNotContain("1234");
        assertThat(storedHash(db, second)).as("a salt per PIN").isNotEqualTo(one);
    }

    @Test
    void aMalformedPinOrAnUnknownUserIsRefusedAndChangesNothing(Database db) throws Exception {
        User user = userWithPin(db);
        String before = storedHash(db, user);

        for (String bad : new String[] {"123", "12345", "12a4", "", " 1234"}) {
            assertThatThrownBy(() -> at(db, T0).setPin(user.name(), bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("pin must be exactly 4 digits (0-9)");
        }
        assertThatThrownBy(() -> at(db, T0).setPin("nobody-here", "1234"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no user named nobody-here");
        assertThat(storedHash(db, user)).isEqualTo(before);
    }

    private static String storedHash(Database db, User user) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT pin_hash FROM voice_pin WHERE user_id = ?")) {
            s.setLong(1, user.id());
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }
}
