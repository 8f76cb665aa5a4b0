package io.fleet.cloud.ingest;

import io.fleet.cloud.users.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Fills a query's DuckDB with what the user may see: tables {@code drive_logs} and {@code scenarios} copied from the
 * catalog, and the view {@code signals} over the Parquet of their ingested drive logs, linked into {@code files}.
 */
final class CatalogSnapshot {

    private CatalogSnapshot() {
    }

    static void copy(DataSource catalog, User user, Connection duck, ParquetCache parquet, Path files)
            throws SQLException, IOException {
        String visible = user.isAdmin() ? "true" : "d.vehicle = ANY (?)";
        try (Statement s = duck.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("CREATE TABLE drive_logs (id BIGINT, vehicle VARCHAR, key VARCHAR, sha256 VARCHAR, "
                    + "format VARCHAR, status VARCHAR, start TIMESTAMPTZ, \"end\" TIMESTAMPTZ, frames BIGINT, "
                    + "superseded_by BIGINT, distance_m DOUBLE, max_speed_mps DOUBLE)");
            s.execute("CREATE TABLE scenarios (drive_log_id BIGINT, vehicle VARCHAR, type VARCHAR, "
                    + "start TIMESTAMPTZ, \"end\" TIMESTAMPTZ, trigger_values VARCHAR)");
        }
        List<String> parquetFiles = new ArrayList<>();
        try (Connection pg = catalog.getConnection()) {
            transfer(pg, user, "SELECT d.id, d.vehicle, d.object_key, d.sha256, d.format, d.status, d.start_time, "
                    + "d.end_time, d.frames, d.superseded_by, d.trip_distance_m, d.trip_max_speed_mps "
                    + "FROM drive_logs d WHERE " + visible, duck,
                    "INSERT INTO drive_logs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            transfer(pg, user, "SELECT s.drive_log_id, d.vehicle, s.type, s.start_time, s.end_time, s.trigger "
                    + "FROM drive_log_scenarios s JOIN drive_logs d ON d.id = s.drive_log_id WHERE " + visible,
                    duck, "INSERT INTO scenarios VALUES (?, ?, ?, ?, ?, ?)");
            try (PreparedStatement s = pg.prepareStatement("SELECT d.id, d.bucket, o.object_key, d.ingested_at "
                    + "FROM drive_log_derived_objects o JOIN drive_logs d ON d.id = o.drive_log_id "
                    + "WHERE d.status = 'INGESTED' AND o.object_key LIKE '" + DerivedSignals.PREFIX + "%' AND "
                    + visible)) {
                bindVehicles(pg, s, user);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Path cached = parquet.local(r.getString(2), r.getString(3), r.getLong(1),
                                r.getTimestamp(4).toInstant());
                        Path linked = files.resolve(r.getLong(1) + ".parquet");
                        try {
                            Files.createLink(linked, cached);
                        } catch (IOException | UnsupportedOperationException e) {
                            Files.copy(cached, linked); // another file system: a copy of its own
                        }
                        parquetFiles.add("'" + linked.toAbsolutePath().toString().replace("'", "''") + "'");
                    }
                }
            }
        }
        try (Statement s = duck.createStatement()) {
            if (parquetFiles.isEmpty()) {
                s.execute("CREATE TABLE signals (drive_log_id BIGINT, vehicle VARCHAR, time TIMESTAMPTZ, "
                        + "message VARCHAR, signal VARCHAR, value DOUBLE, unit VARCHAR)");
            } else {
                s.execute("CREATE VIEW signals AS SELECT p.drive_log_id, d.vehicle, p.time, p.message, p.signal, "
                        + "p.value, p.unit FROM (SELECT CAST(regexp_extract(filename, '(\\d+)\\.parquet$', 1) "
                        + "AS BIGINT) AS drive_log_id, time, message, signal, value, unit FROM read_parquet(["
                        + String.join(", ", parquetFiles) + "], filename = true, hive_partitioning = false)) p "
                        + "JOIN drive_logs d ON d.id = p.drive_log_id");
            }
        }
    }

    private static void bindVehicles(Connection pg, PreparedStatement s, User user) throws SQLException {
        if (!user.isAdmin()) {
            s.setArray(1, pg.createArrayOf("text", user.vehicles().toArray()));
        }
    }

    /** Rows of a PostgreSQL query into a DuckDB table, column by column; times as UTC microseconds. */
    private static void transfer(Connection pg, User user, String select, Connection duck, String insert)
            throws SQLException {
        try (PreparedStatement from = pg.prepareStatement(select); PreparedStatement to = duck.prepareStatement(
                insert)) {
            bindVehicles(pg, from, user);
            try (ResultSet r = from.executeQuery()) {
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    for (int i = 1; i <= columns; i++) {
                        Object value = r.getObject(i);
                        if (value instanceof Timestamp time) {
                            to.setObject(i, OffsetDateTime.ofInstant(time.toInstant(),
                                    ZoneOffset.UTC));
                        } else {
                            to.setObject(i, value);
                        }
                    }
                    to.addBatch();
                }
            }
            to.executeBatch();
        }
    }
}
