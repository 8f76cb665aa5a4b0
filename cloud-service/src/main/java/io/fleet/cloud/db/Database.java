package io.fleet.cloud.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.fleet.cloud.config.CloudConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's PostgreSQL: an embedded server whose data directory lives under the service's data dir (so state
 * survives restarts), or any server given by JDBC URL. Schema migrations run through Flyway at start.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
    }

    public static Database start(CloudConfig.Database settings, Path dataDir) throws IOException {
        EmbeddedPostgres embedded = null;
        HikariConfig hikari = new HikariConfig();
        hikari.setMaximumPoolSize(settings.poolSize());
        hikari.setPoolName("fleet-db");
        if (settings.embedded()) {
            Path pgData = dataDir.resolve("postgres");
            Files.createDirectories(pgData);
            embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("max_connections", "50")
                    .start();
            hikari.setJdbcUrl(embedded.getJdbcUrl("postgres", "postgres"));
            hikari.setUsername("postgres");
            LOG.info("embedded PostgreSQL on port {} with data in {}", embedded.getPort(), pgData.toAbsolutePath());
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

    public DataSource dataSource() {
        return pool;
    }

    public String jdbcUrl() {
        return pool.getJdbcUrl();
    }

    @Override
    public void close() {
        pool.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg == null) {
            return;
        }
        try {
            pg.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
