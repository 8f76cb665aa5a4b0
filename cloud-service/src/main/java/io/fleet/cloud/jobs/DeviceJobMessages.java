package io.fleet.cloud.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON documents of the Jobs device API over MQTT, in AWS IoT's shapes: JobExecution, JobExecutionSummary,
 * JobExecutionState, the error response and the notify / notify-next events. Times are whole epoch seconds, as AWS
 * writes them and the device SDK reads them.
 */
final class DeviceJobMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeviceJobMessages() {
    }

    static ObjectNode answer(String clientToken, long now) {
        ObjectNode node = JSON.createObjectNode().put("timestamp", seconds(now));
        if (clientToken != null) {
            node.put("clientToken", clientToken);
        }
        return node;
    }

    /** A JobExecution; {@code document} null leaves {@code jobDocument} out. */
    static ObjectNode execution(JobExecution e, String document) {
        ObjectNode node = JSON.createObjectNode().put("jobId", e.jobId()).put("thingName", e.thingName());
        if (document != null) {
            node.set("jobDocument", document(document));
        }
        node.put("status", e.status().name());
        if (!e.statusDetails().isEmpty()) {
            node.set("statusDetails", JSON.valueToTree(e.statusDetails()));
        }
        node.put("queuedAt", seconds(e.queuedAt()));
        if (e.startedAt() != null) {
            node.put("startedAt", seconds(e.startedAt()));
        }
        return node.put("lastUpdatedAt", seconds(e.lastUpdatedAt())).put("versionNumber", e.versionNumber())
                .put("executionNumber", e.executionNumber());
    }

    static ObjectNode summary(JobExecution e) {
        ObjectNode node = JSON.createObjectNode().put("jobId", e.jobId()).put("queuedAt", seconds(e.queuedAt()));
        if (e.startedAt() != null) {
            node.put("startedAt", seconds(e.startedAt()));
        }
        return node.put("lastUpdatedAt", seconds(e.lastUpdatedAt())).put("versionNumber", e.versionNumber())
                .put("executionNumber", e.executionNumber());
    }

    static ObjectNode state(JobExecution e) {
        ObjectNode node = JSON.createObjectNode().put("status", e.status().name());
        if (!e.statusDetails().isEmpty()) {
            node.set("statusDetails", JSON.valueToTree(e.statusDetails()));
        }
        return node.put("versionNumber", e.versionNumber());
    }

    static ObjectNode pending(List<JobExecution> pending, String clientToken, long now) {
        ObjectNode node = answer(clientToken, now);
        var inProgress = node.putArray("inProgressJobs");
        var queued = node.putArray("queuedJobs");
        pending.forEach(e -> (e.status() == ExecutionStatus.IN_PROGRESS ? inProgress : queued).add(summary(e)));
        return node;
    }

    static ObjectNode rejected(DeviceJobException error, String clientToken, long now) {
        ObjectNode node = JSON.createObjectNode().put("code", error.code()).put("message", error.getMessage())
                .put("timestamp", seconds(now));
        if (clientToken != null) {
            node.put("clientToken", clientToken);
        }
        if (error.executionState() != null) {
            node.set("executionState", state(error.executionState()));
        }
        return node;
    }

    /** The {@code jobs/notify} event: the thing's pending executions by status. */
    static ObjectNode notify(List<JobExecution> pending, long now) {
        ObjectNode node = JSON.createObjectNode().put("timestamp", seconds(now));
        ObjectNode jobs = node.putObject("jobs");
        for (JobExecution e : pending) {
            var list = jobs.has(e.status().name()) ? (com.fasterxml.jackson.databind.node.ArrayNode)
                    jobs.get(e.status().name()) : jobs.putArray(e.status().name());
            list.add(summary(e));
        }
        return node;
    }

    static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    static com.fasterxml.jackson.databind.JsonNode document(String document) {
        try {
            return JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored job documents were checked to be JSON at CreateJob", e);
        }
    }

    private static long seconds(long millis) {
        return millis / 1000;
    }
}
