package io.fleet.cloud.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fleet.cloud.ingest.scenario.Scenario;
import io.fleet.cloud.users.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Scenario search over the catalog, as a {@link User}: admins see every vehicle's, owners their own vehicles'. Only
 * the current entry of a key counts (a superseded entry's scenarios are kept for lineage, not found).
 */
public final class ScenarioQueries {

    private static final int LIMIT = 1000;

    /** A search; a time range matches scenarios that overlap it. */
    public record Filter(Optional<String> type, Optional<String> vehicle, Optional<Instant> from,
                         Optional<Instant> to) {
    }

    private final DataSource dataSource;
    private final Executor executor;

    public ScenarioQueries(DataSource dataSource, Executor executor) {
        this.dataSource = dataSource;
        this.executor = executor;
    }

    /** The first {@value #LIMIT} matching scenarios in time order. */
    public CompletableFuture<List<FoundScenario>> find(User user, Filter filter) {
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder sql = new StringBuilder("SELECT s.drive_log_id, d.vehicle, s.type, s.start_time, "
                    + "s.end_time, s.trigger FROM drive_log_scenarios s JOIN drive_logs d ON d.id = s.drive_log_id "
                    + "WHERE d.superseded_by IS NULL AND d.status = 'INGESTED'");
            List<Object> parameters = new ArrayList<>();
            if (!user.isAdmin()) {
                sql.append(" AND d.vehicle = ANY (?)");
                parameters.add(user.vehicles());
            }
            filter.type().ifPresent(type -> {
                sql.append(" AND s.type = ?");
                parameters.add(type);
            });
            filter.vehicle().ifPresent(vehicle -> {
                sql.append(" AND d.vehicle = ?");
                parameters.add(vehicle);
            });
            filter.from().ifPresent(from -> {
                sql.append(" AND s.end_time >= ?");
                parameters.add(Timestamp.from(from));
            });
            filter.to().ifPresent(to -> {
                sql.append(" AND s.start_time <= ?");
                parameters.add(Timestamp.from(to));
            });
            sql.append(" ORDER BY s.start_time, s.id LIMIT " + LIMIT);
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    Object p = parameters.get(i);
                    s.setObject(i + 1, p instanceof List<?> list ? c.createArrayOf("text", list.toArray()) : p);
                }
                List<FoundScenario> found = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new FoundScenario(r.getLong(1), r.getString(2), scenario(r, 3)));
                    }
                }
                return found;
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, executor);
    }

    /** A drive log's scenarios in time order (for its detail; the caller checked the user may see it). */
    static List<Scenario> ofDriveLog(DataSource dataSource, long driveLogId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT type, "
                + "start_time, end_time, trigger FROM drive_log_scenarios WHERE drive_log_id = ? "
                + "ORDER BY start_time, id")) {
            s.setLong(1, driveLogId);
            List<Scenario> scenarios = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    scenarios.add(scenario(r, 1));
                }
            }
            return scenarios;
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }

    private static Scenario scenario(ResultSet r, int first) throws SQLException {
        Map<String, Double> values;
        try {
            values = DriveLogCatalog.JSON.readValue(r.getString(first + 3), new TypeReference<>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("drive_log_scenarios holds invalid JSON: " + r.getString(first + 3), e);
        }
        return new Scenario(r.getString(first), r.getTimestamp(first + 1).toInstant(),
                r.getTimestamp(first + 2).toInstant(), values);
    }
}
