package io.fleet.cloud.ingest;

import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.can.dbc.DbcSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes the decoded signals of one drive log as Parquet in long format (time as a UTC timestamp in microseconds,
 * message, signal, value, unit) with DuckDB: rows stream through an {@link DuckDBAppender} into a DuckDB database
 * file beside the downloaded copy, so a long log spills to disk instead of filling the heap, and
 * {@code COPY ... (FORMAT PARQUET)} writes the file. One writer per ingest; {@link #close()} deletes its files.
 */
final class SignalParquetWriter implements SignalRowSink, AutoCloseable {

    /** DuckDB's own memory for the staging table; beyond it, its pages go to the database file. */
    private static final String MEMORY_LIMIT = "128MB";

    private final Path database;
    private final Connection connection;
    private DuckDBAppender appender;
    private long rows;
    private long firstNanos = Long.MAX_VALUE;

    /** @param workDir the directory of the downloaded copy: the staging database lives there while the log is read */
    SignalParquetWriter(Path workDir) throws IOException {
        database = Files.createTempFile(workDir, "signals-", ".duckdb");
        Files.delete(database); // DuckDB creates the file itself and refuses an empty one
        Connection opened = null;
        try {
            opened = DriverManager.getConnection("jdbc:duckdb:" + database);
            try (Statement s = opened.createStatement()) {
                s.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
                s.execute("SET threads = 1"); // an ingest worker is one thread; the machine is shared
                s.execute("SET TimeZone = 'UTC'");
                s.execute("CREATE TABLE signals (time_us BIGINT, message VARCHAR, signal VARCHAR, value DOUBLE, "
                        + "unit VARCHAR)");
            }
            appender = ((DuckDBConnection) opened).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "signals");
            connection = opened;
        } catch (SQLException e) {
            closeQuietly(opened);
            Files.deleteIfExists(database);
            throw new IOException("cannot open the DuckDB staging database " + database + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection opened) {
        if (opened != null) {
            try {
                opened.close();
            } catch (SQLException ignored) {
                // the open failed already; that error is the one to report
            }
        }
    }

    @Override
    public void frame(long epochNanos, DbcMessage message, double[] physical) throws IOException {
        List<DbcSignal> signals = message.signals();
        long micros = Math.floorDiv(epochNanos, 1_000L);
        try {
            for (int i = 0; i < physical.length; i++) {
                if (Double.isNaN(physical[i])) {
                    continue; // a multiplexed signal this frame does not carry
                }
                appender.beginRow();
                appender.append(micros);
                appender.append(message.name());
                appender.append(signals.get(i).name());
                appender.append(physical[i]);
                appender.append(signals.get(i).unit());
                appender.endRow();
                rows++;
                firstNanos = Math.min(firstNanos, epochNanos);
            }
        } catch (SQLException e) {
            throw new IOException("cannot stage decoded signals in " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void restart() throws IOException {
        try {
            appender.close();
            try (Statement s = connection.createStatement()) {
                s.execute("DELETE FROM signals");
            }
            appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "signals");
            rows = 0;
            firstNanos = Long.MAX_VALUE;
        } catch (SQLException e) {
            throw new IOException("cannot clear the DuckDB staging database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Decoded samples taken so far. */
    long rows() {
        return rows;
    }

    /** The time of the earliest decoded sample, epoch nanoseconds; {@code Long.MAX_VALUE} without any. */
    long firstNanos() {
        return firstNanos;
    }

    /** Writes the rows, in time order, as one Parquet file (ZSTD-compressed) at {@code target}. */
    void writeParquet(Path target) throws IOException {
        try {
            appender.flush();
            try (Statement s = connection.createStatement()) {
                s.execute("COPY (SELECT CAST(make_timestamp(time_us) AS TIMESTAMPTZ) AS time, message, signal, "
                        + "value, unit FROM signals ORDER BY time_us, message, signal) TO '"
                        + target.toString().replace("'", "''") + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
            }
        } catch (SQLException e) {
            throw new IOException("cannot write Parquet " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            appender.close();
            connection.close();
        } catch (SQLException e) {
            throw new IOException("cannot close the DuckDB staging database " + database + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(database);
            Files.deleteIfExists(Path.of(database + ".wal"));
        }
    }
}
