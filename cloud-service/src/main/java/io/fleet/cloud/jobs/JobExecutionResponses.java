package io.fleet.cloud.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.controlplane.Page;
import io.fleet.cloud.controlplane.RequestFields;
import io.fleet.cloud.registry.ResourceArns;

/**
 * Job executions in the JSON shapes of AWS IoT's control-plane model (JobExecution, JobExecutionSummaryForJob,
 * JobExecutionSummaryForThing); times are epoch seconds, as AWS's JSON protocol writes timestamps.
 */
final class JobExecutionResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResourceArns arns;

    JobExecutionResponses(ResourceArns arns) {
        this.arns = arns;
    }

    ObjectNode document(String document) {
        return JSON.createObjectNode().put("document", document);
    }

    ObjectNode ofJob(Page<JobExecution> page) {
        ObjectNode answer = JSON.createObjectNode();
        var summaries = answer.putArray("executionSummaries");
        page.items().forEach(e -> summaries.addObject().put("thingArn", arns.thing(e.thingName()))
                .set("jobExecutionSummary", summary(e)));
        return RequestFields.withNextToken(answer, page);
    }

    ObjectNode ofThing(Page<JobExecution> page) {
        ObjectNode answer = JSON.createObjectNode();
        var summaries = answer.putArray("executionSummaries");
        page.items().forEach(e -> summaries.addObject().put("jobId", e.jobId())
                .set("jobExecutionSummary", summary(e)));
        return RequestFields.withNextToken(answer, page);
    }

    /** DescribeJobExecution's answer; {@code now} for the seconds left before a timeout. */
    ObjectNode described(JobExecution e, long now) {
        ObjectNode node = JSON.createObjectNode().put("jobId", e.jobId()).put("status", e.status().name())
                .put("forceCanceled", e.forceCanceled()).put("thingArn", arns.thing(e.thingName()));
        node.putObject("statusDetails").set("detailsMap", JSON.valueToTree(e.statusDetails()));
        times(node, e).put("versionNumber", e.versionNumber());
        if (e.deadline() != null && !e.status().isTerminal()) {
            node.put("approximateSecondsBeforeTimedOut", Math.max(0, (e.deadline() - now) / 1000));
        }
        return JSON.createObjectNode().set("execution", node);
    }

    private static ObjectNode summary(JobExecution e) {
        return times(JSON.createObjectNode().put("status", e.status().name()), e)
                .put("retryAttempt", e.retryAttempt());
    }

    private static ObjectNode times(ObjectNode node, JobExecution e) {
        node.put("queuedAt", e.queuedAt() / 1000.0);
        if (e.startedAt() != null) {
            node.put("startedAt", e.startedAt() / 1000.0);
        }
        return node.put("lastUpdatedAt", e.lastUpdatedAt() / 1000.0).put("executionNumber", e.executionNumber());
    }
}
