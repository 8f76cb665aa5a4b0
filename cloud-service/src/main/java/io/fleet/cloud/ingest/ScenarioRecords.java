package io.fleet.cloud.ingest;

import io.fleet.cloud.ingest.scenario.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Optional;

/** Writes a drive log's scenarios and trip summary ({@code drive_log_scenarios}, V14) in the ingest's transaction. */
final class ScenarioRecords {

    private ScenarioRecords() {
    }

    static void insert(Connection c, long driveLogId, ScenarioFindings findings) throws SQLException {
        TripSummary trip = findings.trip();
        try (PreparedStatement s = c.prepareStatement("UPDATE drive_logs SET trip_distance_m = ?, "
                + "trip_duration_s = ?, trip_max_speed_mps = ? WHERE id = ?")) {
            set(s, 1, trip.distanceMetres());
            set(s, 2, trip.durationSeconds());
            set(s, 3, trip.maxSpeed());
            s.setLong(4, driveLogId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO drive_log_scenarios (drive_log_id, type, start_time, end_time, trigger)
                VALUES (?, ?, ?, ?, ?)""")) {
            for (Scenario scenario : findings.scenarios()) {
                s.setLong(1, driveLogId);
                s.setString(2, scenario.type());
                s.setTimestamp(3, Timestamp.from(scenario.start()));
                s.setTimestamp(4, Timestamp.from(scenario.end()));
                s.setString(5, DriveLogCatalog.JSON.valueToTree(scenario.values()).toString());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void set(PreparedStatement s, int index, Optional<Double> value) throws SQLException {
        if (value.isPresent() && Double.isFinite(value.get())) {
            s.setDouble(index, value.get());
        } else {
            s.setNull(index, Types.DOUBLE);
        }
    }
}
