package io.fleet.cloud.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBConnection;

/**
 * One in-memory DuckDB database for the decoded signals of every drive log this process ingests, opened once: a new
 * database per log was slow to open and to close (a file-backed one writes its WAL and checkpoints; BENCHMARKS.md,
 * drive-log ingest), and the first open of the JVM loads DuckDB's native library. Each {@link SignalParquetWriter}
 * takes a connection and tables of its own and drops them when done. Its memory is capped; beyond the cap DuckDB spills
 * the tables' pages to {@code spillDir}, so a long log does not fill the machine's memory.
 */
final class StagingDatabase implements AutoCloseable {

    /** DuckDB's own memory for the staging tables of all workers together; beyond it, pages go to the spill dir. */
    static final String MEMORY_LIMIT = "128MB";

    private final Path spillDir;
    private final AtomicLong tables = new AtomicLong();
    private DuckDBConnection root;

    /** @param spillDir where DuckDB puts pages beyond its memory cap (created by DuckDB when it first spills) */
    StagingDatabase(Path spillDir) {
        this.spillDir = spillDir;
    }

    /** A connection of its own for one writer, and a number that names its tables uniquely in this database. */
    synchronized Lease lease() throws IOException {
        try {
            if (root == null) {
                root = open(spillDir);
            }
            return new Lease(root.duplicate(), tables.incrementAndGet());
        } catch (SQLException e) {
            throw new IOException("cannot open the DuckDB staging database (spilling to " + spillDir + "): "
                    + e.getMessage(), e);
        }
    }

    private static DuckDBConnection open(Path spillDir) throws SQLException {
        Connection opened = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = opened.createStatement()) {
            s.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
            s.execute("SET threads = 1"); // an ingest worker is one thread; the machine is shared
            s.execute("SET TimeZone = 'UTC'");
            s.execute("SET temp_directory = '" + spillDir.toString().replace("'", "''") + "'");
            return opened.unwrap(DuckDBConnection.class);
        } catch (SQLException e) {
            opened.close();
            throw e;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (root != null) {
            try {
                root.close();
            } catch (SQLException e) {
                throw new IOException("cannot close the DuckDB staging database: " + e.getMessage(), e);
            } finally {
                root = null;
            }
        }
    }

    /** A writer's connection and the number of its tables. */
    record Lease(DuckDBConnection connection, long number) {
    }
}
