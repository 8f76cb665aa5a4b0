package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.http.ApiException;
import io.fleet.cloud.users.User;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits of {@code POST /api/query} without a service: an empty catalog (its tables in a DuckDB file standing in
 * for PostgreSQL), a 1 s time limit and a 5-row limit. What the query sees is covered by {@code ScenarioIngestIT}.
 */
class CatalogSqlTest {

    private static final User ADMIN = new User(1, "admin", User.Role.ADMIN, List.of(), Optional.empty());

    @TempDir
    Path dir;

    private ScheduledExecutorService threads;
    private CatalogSql sql;

    @BeforeEach
    void emptyCatalog() throws Exception {
        String url = "jdbc:duckdb:" + dir.resolve("catalog.duckdb");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE drive_logs (id BIGINT, bucket VARCHAR, vehicle VARCHAR, object_key VARCHAR, "
                    + "sha256 VARCHAR, format VARCHAR, status VARCHAR, start_time TIMESTAMPTZ, end_time TIMESTAMPTZ, "
                    + "frames BIGINT, superseded_by BIGINT, trip_distance_m DOUBLE, trip_max_speed_mps DOUBLE, "
                    + "ingested_at TIMESTAMPTZ)");
            s.execute("CREATE TABLE drive_log_scenarios (drive_log_id BIGINT, type VARCHAR, start_time TIMESTAMPTZ, "
                    + "end_time TIMESTAMPTZ, trigger VARCHAR)");
            s.execute("CREATE TABLE drive_log_derived_objects (drive_log_id BIGINT, object_key VARCHAR)");
        }
        DataSource catalog = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return DriverManager.getConnection(url);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        threads = Executors.newScheduledThreadPool(2);
        sql = new CatalogSql(catalog, new ParquetCache(null, dir.resolve("cache")), dir.resolve("queries"), threads,
                threads, 5, Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private String refusal(String query) {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> sql.query(ADMIN, query).join());
        assertThat(failure).isInstanceOf(CompletionException.class).hasCauseInstanceOf(ApiException.class);
        return ((ApiException) failure.getCause()).error().message();
    }

    @Test
    void aQueryRunningPastTheTimeLimitIsCancelled() {
        assertThat(refusal("SELECT sum(hash(range)) FROM range(1000000000000)"))
                .isEqualTo("the query ran longer than the limit of 1 s and was cancelled");
    }

    @Test
    void rowsBeyondTheLimitAreCutAndSaidSo() {
        CatalogSql.Result result = sql.query(ADMIN, "SELECT range AS n FROM range(7)").join();
        assertThat(result.columns()).containsExactly("n");
        assertThat(result.rows()).hasSize(5);
        assertThat(result.truncated()).isTrue();
        assertThat(sql.query(ADMIN, "SELECT range AS n FROM range(5)").join().truncated()).isFalse();
    }

    @Test
    void onlyASingleSelectRuns() {
        assertThat(refusal("DELETE FROM drive_logs"))
                .isEqualTo("only a single SELECT is accepted: Only SELECT statements can be serialized to json!");
        assertThat(refusal("SELECT 1; SELECT 2")).isEqualTo("only a single SELECT is accepted, got 2 statements");
        assertThat(refusal("SELEC 1")).startsWith("only a single SELECT is accepted: syntax error at or near");
        assertThat(refusal("SELECT * FROM read_csv('" + dir.resolve("catalog.duckdb") + "')"))
                .startsWith("the query failed: Permission Error");
        assertThat(refusal("SELECT * FROM no_such_table")).startsWith("the query failed: Catalog Error");
    }
}
