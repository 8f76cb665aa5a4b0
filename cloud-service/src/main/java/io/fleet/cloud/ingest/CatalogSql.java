package io.fleet.cloud.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.http.ApiError;
import io.fleet.cloud.http.ApiException;
import io.fleet.cloud.users.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Read-only SQL over the catalog with DuckDB ({@code POST /api/query}): each query gets an in-memory DuckDB with the
 * tables {@code drive_logs} and {@code scenarios} copied from PostgreSQL and the view {@code signals} over the
 * Parquet of the drive logs, all restricted to the vehicles the user may see. DuckDB's httpfs extension is not
 * bundled with its JDBC driver (and extensions cannot be downloaded offline), so the Parquet objects are downloaded
 * from S3 into a local cache ({@link ParquetCache}) and the user's own files are linked into a directory of the query
 * alone. Only a single SELECT is run (DuckDB's own parser decides: {@code json_serialize_sql} serializes SELECT
 * statements only), after file access outside that directory is switched off and the configuration locked; at most
 * {@code rowLimit} rows come back, and a query running past {@code timeLimit} is cancelled.
 */
public final class CatalogSql {

    /** The answer: column names and rows, {@code truncated} when the row limit cut it. */
    public record Result(List<String> columns, List<List<Object>> rows, boolean truncated) {
    }

    private final DataSource catalog;
    private final ParquetCache parquet;
    private final Path workDir;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final int rowLimit;
    private final Duration timeLimit;

    public CatalogSql(DataSource catalog, ParquetCache parquet, Path workDir, Executor executor,
                      ScheduledExecutorService timer, int rowLimit, Duration timeLimit) {
        this.catalog = catalog;
        this.parquet = parquet;
        this.workDir = workDir;
        this.executor = executor;
        this.timer = timer;
        this.rowLimit = rowLimit;
        this.timeLimit = timeLimit;
    }

    /**
     * Loads DuckDB in the background: its native library is extracted and loaded on the first connection of the JVM,
     * which made the service's first query after an ingest take 1.2 s where later ones take 0.3 s (BENCHMARKS.md).
     * A failure here is left to the first query to report.
     */
    public CompletableFuture<Void> warmUp() {
        try {
            return CompletableFuture.runAsync(() -> {
                try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
                    requireSingleSelect(duck, "SELECT 1");
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, executor);
        } catch (RuntimeException rejected) {
            return CompletableFuture.failedFuture(rejected);
        }
    }

    /** Fails with an {@link ApiException} (400) naming why when the SQL is not one SELECT or does not run. */
    public CompletableFuture<Result> query(User user, String sql) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return run(user, sql);
                } catch (SQLException | IOException e) {
                    throw new CompletionException(e);
                }
            }, executor);
        } catch (RuntimeException rejected) {
            return CompletableFuture.failedFuture(rejected);
        }
    }

    private Result run(User user, String sql) throws SQLException, IOException {
        Files.createDirectories(workDir);
        Path files = Files.createTempDirectory(workDir, "query-");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            requireSingleSelect(duck, sql);
            CatalogSnapshot.copy(catalog, user, duck, parquet, files);
            try (Statement s = duck.createStatement()) {
                s.execute("SET allowed_directories = ['" + files.toAbsolutePath().toString().replace("'", "''")
                        + "']");
                s.execute("SET enable_external_access = false");
                s.execute("SET lock_configuration = true");
            }
            return select(duck, sql);
        } finally {
            try (var listing = Files.list(files)) {
                for (Path file : listing.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(files);
        }
    }

    private static void requireSingleSelect(Connection duck, String sql) throws SQLException {
        JsonNode parsed;
        try (PreparedStatement s = duck.prepareStatement("SELECT json_serialize_sql(?)")) {
            s.setString(1, sql);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                parsed = DriveLogCatalog.JSON.readTree(r.getString(1));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("DuckDB's json_serialize_sql answered no JSON", e);
        }
        if (parsed.path("error").asBoolean(false)) {
            String why = parsed.path("error_message").asText();
            throw new ApiException(ApiError.badRequest("only a single SELECT is accepted: " + why));
        }
        int statements = parsed.path("statements").size();
        if (statements != 1) {
            throw new ApiException(ApiError.badRequest("only a single SELECT is accepted, got " + statements
                    + " statements"));
        }
    }

    private Result select(Connection duck, String sql) throws SQLException {
        try (Statement s = duck.createStatement()) {
            ScheduledFuture<?> cancel = timer.schedule(() -> {
                try {
                    s.cancel();
                } catch (SQLException ignored) {
                    // the query ended meanwhile
                }
            }, timeLimit.toMillis(), TimeUnit.MILLISECONDS);
            try (ResultSet r = s.executeQuery(sql)) {
                List<String> columns = new ArrayList<>();
                int count = r.getMetaData().getColumnCount();
                for (int i = 1; i <= count; i++) {
                    columns.add(r.getMetaData().getColumnLabel(i));
                }
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (r.next()) {
                    if (rows.size() == rowLimit) {
                        truncated = true;
                        break;
                    }
                    List<Object> row = new ArrayList<>(count);
                    for (int i = 1; i <= count; i++) {
                        row.add(value(r.getObject(i)));
                    }
                    rows.add(row);
                }
                return new Result(columns, rows, truncated);
            } catch (SQLException e) {
                if (cancel.isDone()) {
                    throw new ApiException(ApiError.badRequest("the query ran longer than the limit of "
                            + timeLimit.toSeconds() + " s and was cancelled"));
                }
                String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                throw new ApiException(ApiError.badRequest("the query failed: " + message));
            } finally {
                cancel.cancel(false);
            }
        }
    }

    /** JSON-friendly: numbers, strings and booleans as they are; times and anything else as text. */
    private static Object value(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant().toString();
        }
        return value.toString();
    }
}
