package io.fleet.cloud.ingest;

import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.can.dbc.DbcSignal;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes the decoded signals of one drive log as Parquet in long format (time as a UTC timestamp in microseconds,
 * message, signal, value, unit) with DuckDB: rows stream through a {@link DuckDBAppender} into a table of the
 * {@link StagingDatabase}, which spills to disk beyond its memory cap instead of filling the heap, and
 * {@code COPY ... (FORMAT PARQUET)} writes the file. A row holds a number for its signal, not the three names: the
 * appender then copies 20 bytes a row instead of encoding three strings (several times faster), and the names join
 * back in at the COPY. One writer per ingest; {@link #close()} drops its tables.
 */
final class SignalParquetWriter implements SignalRowSink, AutoCloseable {

    private final DuckDBConnection connection;
    private final String rowsTable;
    private final String namesTable;
    /** The number of each message's first signal; its other signals follow in DBC order. */
    private final Map<DbcMessage, Integer> firstSignal = new IdentityHashMap<>();
    private final List<SignalName> names = new ArrayList<>();
    private DuckDBAppender appender;
    private long rows;
    private long firstNanos = Long.MAX_VALUE;

    /** What the Parquet calls a signal. */
    private record SignalName(String message, String signal, String unit) {
    }

    SignalParquetWriter(StagingDatabase staging) throws IOException {
        StagingDatabase.Lease lease = staging.lease();
        connection = lease.connection();
        rowsTable = "signals_" + lease.number();
        namesTable = "signal_names_" + lease.number();
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE " + rowsTable + " (time_us BIGINT, signal INTEGER, value DOUBLE)");
            }
            appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, rowsTable);
        } catch (SQLException e) {
            closeQuietly();
            throw new IOException("cannot create the DuckDB staging table " + rowsTable + ": " + e.getMessage(), e);
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // an error before this one is the one to report
        }
    }

    @Override
    public void frame(long epochNanos, DbcMessage message, double[] physical) throws IOException {
        int first = firstSignal.computeIfAbsent(message, this::name);
        long micros = Math.floorDiv(epochNanos, 1_000L);
        try {
            for (int i = 0; i < physical.length; i++) {
                if (Double.isNaN(physical[i])) {
                    continue; // a multiplexed signal this frame does not carry
                }
                appender.beginRow();
                appender.append(micros);
                appender.append(first + i);
                appender.append(physical[i]);
                appender.endRow();
                rows++;
                firstNanos = Math.min(firstNanos, epochNanos);
            }
        } catch (SQLException e) {
            throw new IOException("cannot stage decoded signals in " + rowsTable + ": " + e.getMessage(), e);
        }
    }

    private int name(DbcMessage message) {
        int first = names.size();
        for (DbcSignal signal : message.signals()) {
            names.add(new SignalName(message.name(), signal.name(), signal.unit()));
        }
        return first;
    }

    @Override
    public void restart() throws IOException {
        try {
            appender.close();
            try (Statement s = connection.createStatement()) {
                s.execute("DELETE FROM " + rowsTable);
            }
            appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, rowsTable);
            rows = 0;
            firstNanos = Long.MAX_VALUE;
        } catch (SQLException e) {
            throw new IOException("cannot clear the DuckDB staging table " + rowsTable + ": " + e.getMessage(), e);
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
                s.execute("CREATE TABLE " + namesTable + " (signal INTEGER, message VARCHAR, name VARCHAR, "
                        + "unit VARCHAR)");
            }
            try (DuckDBAppender named = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, namesTable)) {
                for (int i = 0; i < names.size(); i++) {
                    named.beginRow();
                    named.append(i);
                    named.append(names.get(i).message());
                    named.append(names.get(i).signal());
                    named.append(names.get(i).unit());
                    named.endRow();
                }
            }
            try (Statement s = connection.createStatement()) {
                s.execute("COPY (SELECT CAST(make_timestamp(r.time_us) AS TIMESTAMPTZ) AS time, n.message, "
                        + "n.name AS signal, r.value, n.unit FROM " + rowsTable + " r JOIN " + namesTable
                        + " n USING (signal) ORDER BY r.time_us, n.message, n.name) TO '"
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
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + namesTable);
                s.execute("DROP TABLE " + rowsTable);
            }
        } catch (SQLException e) {
            throw new IOException("cannot drop the DuckDB staging table " + rowsTable + ": " + e.getMessage(), e);
        } finally {
            closeQuietly();
        }
    }
}
