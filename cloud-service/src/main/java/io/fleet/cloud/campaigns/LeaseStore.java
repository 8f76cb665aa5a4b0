package io.fleet.cloud.campaigns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The leases of runs and their attempts in PostgreSQL; every method works in the caller's transaction. */
final class LeaseStore {

    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() { };

    /** An attempt whose job is still to be cancelled (force). */
    record PendingCancel(long runId, int attempt, String jobId, String reason) {
    }

    /** The LEASED and RUNNING runs no other transaction holds, locked. */
    List<LeasedRun> leased(Connection c) throws SQLException {
        List<LeasedRun> runs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT r.id, r.campaign_id, r.state, r.rig, r.job_id, r.attempt, r.lost_leases, c.retries,
                       r.leased_at, e.status, e.status_details, e.last_updated_at, coalesce(p.online, false)
                FROM campaign_runs r JOIN campaigns c ON c.id = r.campaign_id
                LEFT JOIN job_execution e ON e.job_id = r.job_id AND e.thing_name = r.rig
                LEFT JOIN vehicle_presence p ON p.thing_name = r.rig
                WHERE r.state IN ('LEASED', 'RUNNING') ORDER BY r.id FOR UPDATE OF r SKIP LOCKED""")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long updated = r.getLong(12);
                    Optional<Instant> lastUpdate = r.wasNull() ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(updated));
                    runs.add(new LeasedRun(r.getLong(1), r.getLong(2), RunState.valueOf(r.getString(3)),
                            r.getString(4), r.getString(5), r.getInt(6), r.getInt(7), r.getInt(8),
                            r.getTimestamp(9).toInstant(), Optional.ofNullable(r.getString(10)),
                            details(r.getString(11)), lastUpdate, r.getBoolean(13)));
                }
            }
        }
        return runs;
    }

    void hold(Connection c, LeasedRun run, LeaseDecision.Holds holds, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE campaign_runs SET state = ?, lease_expires_at = ?, "
                + "rig_software = coalesce(?, rig_software), started_at = CASE WHEN ? = 'RUNNING' THEN "
                + "coalesce(started_at, ?) ELSE started_at END WHERE id = ?")) {
            s.setString(1, holds.state().name());
            s.setTimestamp(2, Timestamp.from(holds.leaseExpiresAt()));
            s.setString(3, holds.softwareVersion().orElse(null));
            s.setString(4, holds.state().name());
            s.setTimestamp(5, Timestamp.from(now));
            s.setLong(6, run.id());
            s.executeUpdate();
        }
    }

    void finish(Connection c, LeasedRun run, LeaseDecision.Finished finished, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE campaign_runs SET state = ?, verdict = ?, measured = ?, "
                + "results = ?, reason = ?, rig_software = coalesce(?, rig_software), lease_expires_at = NULL, "
                + "started_at = coalesce(started_at, ?), ended_at = ? WHERE id = ?")) {
            s.setString(1, finished.state().name());
            s.setString(2, finished.verdict().orElse(null));
            s.setString(3, CampaignStore.json(finished.measured()));
            s.setString(4, finished.results().orElse(null));
            s.setString(5, finished.reason().orElse(null));
            s.setString(6, finished.softwareVersion().orElse(null));
            s.setTimestamp(7, Timestamp.from(now));
            s.setTimestamp(8, Timestamp.from(now));
            s.setLong(9, run.id());
            s.executeUpdate();
        }
        endAttempt(c, run.id(), run.attempt(), finished.state().name(), finished.reason().orElse(null), false, now);
    }

    /** Back to the queue, never again on this rig; a rejection does not use up a retry. */
    void reject(Connection c, LeasedRun run, LeaseDecision.Rejected rejected, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE campaign_runs SET state = 'QUEUED', rig = NULL, "
                + "job_id = NULL, lease_expires_at = NULL, reason = ?, excluded_rigs = (excluded_rigs::jsonb || "
                + "to_jsonb(?::text))::text WHERE id = ?")) {
            s.setString(1, rejected.reason());
            s.setString(2, run.rig());
            s.setLong(3, run.id());
            s.executeUpdate();
        }
        endAttempt(c, run.id(), run.attempt(), "REJECTED", rejected.reason(), false, now);
    }

    /** ERROR with the rig's reason: the document is one no rig can run. */
    void invalid(Connection c, LeasedRun run, LeaseDecision.Invalid invalid, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE campaign_runs SET state = 'ERROR', reason = ?, "
                + "lease_expires_at = NULL, ended_at = ? WHERE id = ?")) {
            s.setString(1, invalid.reason());
            s.setTimestamp(2, Timestamp.from(now));
            s.setLong(3, run.id());
            s.executeUpdate();
        }
        endAttempt(c, run.id(), run.attempt(), "REJECTED", invalid.reason(), false, now);
    }

    /** Back to the queue for another rig, or ERROR once the lost leases exceed the campaign's retries. */
    void lose(Connection c, LeasedRun run, LeaseDecision.Lost lost, Instant now) throws SQLException {
        boolean exhausted = run.lostLeases() + 1 > run.retries();
        String reason = exhausted ? "lost " + (run.lostLeases() + 1) + " lease(s), retries " + run.retries()
                + " used up; last: " + lost.reason() : lost.reason();
        try (PreparedStatement s = c.prepareStatement(exhausted
                ? "UPDATE campaign_runs SET state = 'ERROR', lost_leases = lost_leases + 1, reason = ?, "
                + "lease_expires_at = NULL, ended_at = ? WHERE id = ?"
                : "UPDATE campaign_runs SET state = 'QUEUED', lost_leases = lost_leases + 1, reason = ?, rig = NULL, "
                + "job_id = NULL, lease_expires_at = NULL, started_at = NULL, ended_at = ? WHERE id = ?")) {
            s.setString(1, reason);
            s.setTimestamp(2, exhausted ? Timestamp.from(now) : null);
            s.setLong(3, run.id());
            s.executeUpdate();
        }
        endAttempt(c, run.id(), run.attempt(), "LOST", lost.reason(), true, now);
    }

    /** Leases run {@code runId} to {@code rig} as job {@code jobId}, attempt {@code attempt}. */
    void lease(Connection c, long runId, int attempt, String rig, String jobId, Instant now, Duration lease)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE campaign_runs SET state = 'LEASED', attempt = ?, "
                + "rig = ?, job_id = ?, leased_at = ?, lease_expires_at = ?, reason = NULL WHERE id = ?")) {
            s.setInt(1, attempt);
            s.setString(2, rig);
            s.setString(3, jobId);
            s.setTimestamp(4, Timestamp.from(now));
            s.setTimestamp(5, Timestamp.from(now.plus(lease)));
            s.setLong(6, runId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO run_attempts (run_id, attempt, rig, job_id, "
                + "leased_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, runId);
            s.setInt(2, attempt);
            s.setString(3, rig);
            s.setString(4, jobId);
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /** The run's campaign and its attempts so far. */
    long[] campaignAndAttempts(Connection c, long runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT campaign_id, attempt FROM campaign_runs WHERE id = ?")) {
            s.setLong(1, runId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new long[] {r.getLong(1), r.getLong(2)};
            }
        }
    }

    /**
     * Cancels campaign {@code id}: its QUEUED runs end CANCELED, and its leased ones too, their jobs marked to be
     * cancelled. False when there is no such campaign.
     */
    boolean cancelCampaign(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE campaigns SET canceled_at = coalesce(canceled_at, ?) "
                + "WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setLong(2, id);
            if (s.executeUpdate() == 0) {
                return false;
            }
        }
        List<long[]> leased = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("UPDATE campaign_runs SET state = 'CANCELED', ended_at = ?, "
                + "lease_expires_at = NULL, reason = 'campaign cancelled' WHERE campaign_id = ? AND state IN "
                + "('QUEUED', 'LEASED', 'RUNNING') RETURNING id, attempt, job_id")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setLong(2, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (r.getString(3) != null) {
                        leased.add(new long[] {r.getLong(1), r.getInt(2)});
                    }
                }
            }
        }
        for (long[] run : leased) {
            endAttempt(c, run[0], (int) run[1], "CANCELED", "campaign cancelled", true, now);
        }
        return true;
    }

    List<PendingCancel> pendingCancels(Connection c) throws SQLException {
        List<PendingCancel> pending = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT run_id, attempt, job_id, reason FROM run_attempts "
                + "WHERE cancel_pending ORDER BY run_id, attempt LIMIT 100 FOR UPDATE SKIP LOCKED")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pending.add(new PendingCancel(r.getLong(1), r.getInt(2), r.getString(3), r.getString(4)));
                }
            }
        }
        return pending;
    }

    void cancelled(Connection c, PendingCancel cancel) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE run_attempts SET cancel_pending = false WHERE "
                + "run_id = ? AND attempt = ?")) {
            s.setLong(1, cancel.runId());
            s.setInt(2, cancel.attempt());
            s.executeUpdate();
        }
    }

    private static void endAttempt(Connection c, long runId, int attempt, String outcome, String reason,
                                   boolean cancelJob, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE run_attempts SET outcome = ?, reason = ?, "
                + "cancel_pending = ?, ended_at = ? WHERE run_id = ? AND attempt = ? AND outcome IS NULL")) {
            s.setString(1, outcome);
            s.setString(2, reason);
            s.setBoolean(3, cancelJob);
            s.setTimestamp(4, Timestamp.from(now));
            s.setLong(5, runId);
            s.setInt(6, attempt);
            s.executeUpdate();
        }
    }

    private static Map<String, String> details(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return CampaignStore.JSON.readValue(json, DETAILS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
