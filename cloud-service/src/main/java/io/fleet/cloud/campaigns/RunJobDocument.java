package io.fleet.cloud.campaigns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The AWS IoT job document of one attempt of a run, as the rig agent reads it (hil-rig README): the drive log and
 * its sha256, the window as seek/window seconds, outputs, expect, match and capabilities of the campaign, where the
 * results go ({@code results/<campaign>/<run>/}) and the campaign and run ids for traceability.
 */
final class RunJobDocument {

    private RunJobDocument() {
    }

    /** The job id of attempt {@code attempt} of the run: one job per attempt, so a retry is a new job. */
    static String jobId(long campaignId, long runId, int attempt) {
        return "campaign-" + campaignId + "-run-" + runId + "-" + attempt;
    }

    static String resultsPrefix(long campaignId, long runId) {
        return "results/" + campaignId + "/" + runId + "/";
    }

    /** The document of run {@code runId}, read with its campaign. */
    static String of(Connection c, long runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT r.campaign_id, r.drive_log, r.sha256, r.seek_seconds, "
                + "r.window_seconds, c.outputs, c.expect, c.match, c.capabilities, c.capture FROM campaign_runs r "
                + "JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = ?")) {
            s.setLong(1, runId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("run " + runId + " vanished while being leased");
                }
                long campaignId = r.getLong(1);
                ObjectNode document = CampaignStore.JSON.createObjectNode().put("driveLog", r.getString(2));
                if (r.getString(3) != null) {
                    document.put("sha256", r.getString(3));
                }
                double seek = r.getDouble(4);
                if (!r.wasNull()) {
                    document.put("seek", seek).put("window", r.getDouble(5));
                }
                document.set("outputs", CampaignStore.JSON.readTree(r.getString(6)));
                if (r.getString(7) != null) {
                    document.set("expect", CampaignStore.JSON.readTree(r.getString(7)));
                }
                if (r.getString(8) != null) {
                    document.set("match", CampaignStore.JSON.readTree(r.getString(8)));
                }
                document.set("capabilities", CampaignStore.JSON.readTree(r.getString(9)));
                if (r.getBoolean(10)) {
                    document.put("capture", true);
                }
                document.put("resultsPrefix", resultsPrefix(campaignId, runId))
                        .put("campaign", Long.toString(campaignId)).put("run", Long.toString(runId));
                return document.toString();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("run " + runId + ": stored JSON unreadable", e);
            }
        }
    }
}
