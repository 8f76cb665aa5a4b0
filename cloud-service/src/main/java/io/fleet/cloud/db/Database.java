package io.fleet.cloud.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.fleet.cloud.config.DatabaseConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's PostgreSQL: an embedded server whose data directory lives under the service's data dir (so state
 * survives restarts; see {@link EmbeddedPostgresServer} for how it is set up), or any server given by JDBC URL.
 * Schema migrations run through Flyway at start.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final EmbeddedPostgresServer embedded;
    private final HikariDataSource pool;

    private Database(EmbeddedPostgresServer embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
    }

    public static Database start(DatabaseConfig settings, Path dataDir) throws IOException {
        EmbeddedPostgresServer embedded = null;
        HikariConfig hikari = new HikariConfig();
        hikari.setMaximumPoolSize(settings.poolSize());
        hikari.setPoolName("fleet-db");
        if (settings.embedded()) {
            embedded = EmbeddedPostgresServer.start(dataDir, settings.unsafeFastCommits());
            hikari.setJdbcUrl(embedded.jdbcUrl());
            hikari.setUsername(embedded.user());
            hikari.setPassword(embedded.password());
            LOG.info("embedded PostgreSQL on port {} with data in {}", embedded.port(),
                    dataDir.resolve("postgres").toAbsolutePath());
        } else {
            hikari.setJdbcUrl(settings.jdbcUrl());
            hikari.setUsername(settings.user());
            hikari.setPassword(settings.password());
            LOG.info("PostgreSQL at {}", settings.jdbcUrl());
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            throw new IOException("cannot connect to PostgreSQL: " + e.getMessage(), e);
        }
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        return new Database(embedded, pool);
    }

    /**
     * How another process (an ingest worker) reaches the embedded PostgreSQL a service runs on {@code dataDir}: the
     * port from the server's {@code postmaster.pid} (its 4th line), the service role's password from the data dir's
     * credentials file.
     *
     * @throws IOException naming the file when no embedded PostgreSQL runs there
     */
    public static DatabaseConfig runningEmbedded(Path dataDir, int poolSize) throws IOException {
        Path pid = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            throw new IOException(pid + " not found: no embedded PostgreSQL runs on data dir " + dataDir
                    + " (start the service first, or give --jdbc-url)");
        }
        List<String> lines = Files.readAllLines(pid, StandardCharsets.UTF_8);
        if (lines.size() < 4 || !lines.get(3).strip().matches("\\d{1,5}")) {
            throw new IOException(pid + ", line 4: expected the server's port, found "
                    + (lines.size() < 4 ? "no such line" : "'" + lines.get(3) + "'"));
        }
        DatabaseCredentials credentials = DatabaseCredentials.load(dataDir.resolve(DatabaseCredentials.FILE_NAME));
        return DatabaseConfig.server("jdbc:postgresql://localhost:" + lines.get(3).strip() + "/postgres",
                DatabaseCredentials.SERVICE_ROLE, credentials.servicePassword(), poolSize);
    }

    public DataSource dataSource() {
        return pool;
    }

    /** How another pool (another service instance in a test, a tool) reaches the same database as this one. */
    public DatabaseConfig connectionSettings() {
        return DatabaseConfig.server(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword(),
                pool.getMaximumPoolSize());
    }

    @Override
    public void close() {
        pool.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedPostgresServer pg) {
        if (pg != null) {
            pg.close();
        }
    }
}
