package io.fleet.cloud.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.AdjustableClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V6 on a database that already holds users and tokens (as every running installation does): old tokens get ids,
 * the default 90 days from their issue (the service's own admin token: none), and keep working until then.
 */
class TokenMigrationIT {

    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void tokensIssuedBeforeV6GetIdsAndTheDefaultLifetimeExceptTheServicesAdminToken() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            DataSource db = pg.getPostgresDatabase();
            Flyway.configure().dataSource(db).locations("classpath:db/migration").target("5").load().migrate();
            AdjustableClock clock = AdjustableClock.standingStill();
            long issued = clock.millis() - 10 * DAY;
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO app_user (id, name, role, created_at) VALUES (1, 'admin', 'ADMIN', 0), "
                        + "(2, 'alice', 'OWNER', 0), (3, 'ops', 'ADMIN', 0)");
                s.executeUpdate("INSERT INTO user_token (token_hash, user_id, created_at) VALUES "
                        + "('" + TokenTable.hash("fleet_admin") + "', 1, " + issued + "), "
                        + "('" + TokenTable.hash("fleet_alice") + "', 2, " + issued + "), "
                        + "('" + TokenTable.hash("fleet_ops") + "', 3, " + issued + ")");
            }

            Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();

            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT u.name, t.id, t.expires_at FROM user_token t "
                         + "JOIN app_user u ON u.id = t.user_id ORDER BY t.id")) {
                List<String> rows = new ArrayList<>();
                while (r.next()) {
                    long expires = r.getLong(3);
                    String lifetime = r.wasNull() ? "never" : Long.toString(expires - issued);
                    rows.add(r.getString(1) + " " + r.getLong(2) + " " + lifetime);
                }
                assertThat(rows).containsExactly("admin 1 never", "alice 2 " + 90 * DAY, "ops 3 " + 90 * DAY);
            }

            UserStore users = new UserStore(db, Runnable::run, clock, Duration.ofDays(90));
            assertThat(users.check("fleet_alice").join()).isInstanceOf(Authentication.Valid.class);
            assertThat(users.tokens("alice").orElseThrow()).containsExactly(new IssuedToken(2,
                    Instant.ofEpochMilli(issued), Optional.of(Instant.ofEpochMilli(issued + 90 * DAY))));
            clock.advance(Duration.ofDays(80));
            assertThat(users.check("fleet_alice").join())
                    .isEqualTo(new Authentication.Expired(Instant.ofEpochMilli(issued + 90 * DAY)));
            assertThat(users.check("fleet_admin").join()).isInstanceOf(Authentication.Valid.class);
            assertThat(users.check("fleet_unknown").join()).isEqualTo(Authentication.UNKNOWN);
            assertThat(users.cachedTokens()).as("only the live admin token").isEqualTo(1);
        }
    }
}
