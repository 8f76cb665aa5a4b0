package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * PostgreSQL: embedded (default, data under dataDir/postgres) or any server by JDBC URL.
 *
 * @param unsafeFastCommits embedded only: run PostgreSQL with fsync and synchronous commit off. Faster commits,
 *                          but a machine crash or power cut loses updates the service already acknowledged.
 *                          Default false (durable).
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize,
                             boolean unsafeFastCommits) {
    private static final int DEFAULT_POOL_SIZE = 8;

    public DatabaseConfig {
        if (poolSize < 1) {
            throw new IllegalArgumentException("database.poolSize must be at least 1, got " + poolSize);
        }
    }

    @JsonCreator
    static DatabaseConfig fromYaml(@JsonProperty("jdbcUrl") String jdbcUrl, @JsonProperty("user") String user,
                                   @JsonProperty("password") String password,
                                   @JsonProperty("poolSize") Integer poolSize,
                                   @JsonProperty("unsafeFastCommits") Boolean unsafeFastCommits) {
        return new DatabaseConfig(jdbcUrl, user, password, poolSize != null ? poolSize : DEFAULT_POOL_SIZE,
                unsafeFastCommits != null && unsafeFastCommits);
    }

    /** The embedded PostgreSQL, durable commits, a pool of 8. */
    public static DatabaseConfig defaults() {
        return embedded(DEFAULT_POOL_SIZE);
    }

    public static DatabaseConfig embedded(int poolSize) {
        return new DatabaseConfig(null, null, null, poolSize, false);
    }

    /** A PostgreSQL server by JDBC URL. */
    public static DatabaseConfig server(String jdbcUrl, String user, String password, int poolSize) {
        return new DatabaseConfig(jdbcUrl, user, password, poolSize, false);
    }

    public DatabaseConfig withPoolSize(int size) {
        return new DatabaseConfig(jdbcUrl, user, password, size, unsafeFastCommits);
    }

    public DatabaseConfig withUnsafeFastCommits(boolean unsafe) {
        return new DatabaseConfig(jdbcUrl, user, password, poolSize, unsafe);
    }

    public boolean embedded() {
        return jdbcUrl == null || jdbcUrl.isBlank();
    }
}
