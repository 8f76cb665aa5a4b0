package io.fleet.cloud.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.controlplane.ControlPlaneException;
import io.fleet.cloud.controlplane.Page;
import io.fleet.cloud.controlplane.RequestFields;
import io.fleet.cloud.registry.ResourceArns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads CreateJob requests and writes jobs in the JSON shapes of AWS IoT's service model. */
final class JobRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REASON_CODE = Pattern.compile("[\\p{Upper}\\p{Digit}_]{1,128}");
    private static final Pattern COMMENT = Pattern.compile("[^\\p{C}]{1,2028}");
    /** CreateJob fields this service does not implement yet: refused, so nobody believes they took effect. */
    private static final List<String> UNSUPPORTED = List.of("documentSource", "presignedUrlConfig",
            "jobExecutionsRolloutConfig", "abortConfig", "namespaceId", "jobTemplateArn", "documentParameters",
            "schedulingConfig", "destinationPackageVersions", "tags");
    /** AWS's jobProcessDetails counters, by the execution state each counts. */
    private static final Map<String, String> PROCESS_COUNTERS = Map.of(
            "QUEUED", "numberOfQueuedThings", "IN_PROGRESS", "numberOfInProgressThings",
            "SUCCEEDED", "numberOfSucceededThings", "FAILED", "numberOfFailedThings",
            "REJECTED", "numberOfRejectedThings", "CANCELED", "numberOfCanceledThings",
            "REMOVED", "numberOfRemovedThings", "TIMED_OUT", "numberOfTimedOutThings");

    JobSpec createJob(String jobId, JsonNode request) {
        for (String field : UNSUPPORTED) {
            JsonNode value = request.path(field);
            if (!value.isMissingNode() && !value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
                throw ControlPlaneException.invalid(field + " is not supported by this service yet"
                        + (field.equals("documentSource") ? "; pass the job document itself in document" : ""));
            }
        }
        String targetSelection = RequestFields.text(request, "targetSelection");
        if (targetSelection != null && !targetSelection.equals("SNAPSHOT")) {
            throw ControlPlaneException.invalid("targetSelection '" + targetSelection + "': only SNAPSHOT jobs are "
                    + "supported yet");
        }
        String document = RequestFields.text(request, "document");
        if (document == null) {
            throw ControlPlaneException.invalid("document is required: the job document, a JSON object");
        }
        requireJsonObject(document);
        return new JobSpec(JobSpec.jobId(jobId), targets(request.path("targets")), document,
                RequestFields.text(request, "description"), timeoutMinutes(request.path("timeoutConfig")),
                retryCriteria(request.path("jobExecutionsRetryConfig")));
    }

    /** CancelJob's reasonCode, checked with AWS's pattern, or null. */
    String reasonCode(JsonNode request) {
        String reasonCode = RequestFields.text(request, "reasonCode");
        if (reasonCode != null && !REASON_CODE.matcher(reasonCode).matches()) {
            throw ControlPlaneException.invalid("reasonCode '" + reasonCode + "' must be 1 to 128 characters of "
                    + "upper-case letters, digits and _");
        }
        return reasonCode;
    }

    /** CancelJob's comment, checked with AWS's limits, or null. */
    String comment(JsonNode request) {
        String comment = RequestFields.text(request, "comment");
        if (comment != null && !COMMENT.matcher(comment).matches()) {
            throw ControlPlaneException.invalid("comment must be 1 to 2028 characters without control characters");
        }
        return comment;
    }

    /** CancelJobExecution's body: expectedVersion and statusDetails, checked as a device's update is. */
    DeviceJobRequest cancelExecution(byte[] body) {
        try {
            return DeviceJobRequest.parse(body);
        } catch (DeviceJobException e) {
            throw ControlPlaneException.invalid(e.getMessage());
        }
    }

    ObjectNode created(Job job, ResourceArns arns) {
        ObjectNode answer = JSON.createObjectNode().put("jobArn", arns.job(job.id())).put("jobId", job.id());
        if (job.spec().description() != null) {
            answer.put("description", job.spec().description());
        }
        return answer;
    }

    ObjectNode described(Job job, ResourceArns arns) {
        ObjectNode node = summary(job, arns);
        JobSpec spec = job.spec();
        var targets = node.putArray("targets");
        spec.targets().forEach(targets::add);
        if (spec.description() != null) {
            node.put("description", spec.description());
        }
        if (job.reasonCode() != null) {
            node.put("reasonCode", job.reasonCode());
        }
        if (job.comment() != null) {
            node.put("comment", job.comment());
        }
        if (spec.timeoutMinutes() != null) {
            node.putObject("timeoutConfig").put("inProgressTimeoutInMinutes", spec.timeoutMinutes());
        }
        if (!spec.retryCriteria().isEmpty()) {
            var criteria = node.putObject("jobExecutionsRetryConfig").putArray("criteriaList");
            spec.retryCriteria().forEach(criterion -> criteria.addObject()
                    .put("failureType", criterion.failureType())
                    .put("numberOfRetries", criterion.numberOfRetries()));
        }
        ObjectNode details = node.putObject("jobProcessDetails");
        PROCESS_COUNTERS.forEach((status, counter) -> details.put(counter,
                job.executionsByStatus().getOrDefault(status, 0)));
        return JSON.createObjectNode().set("job", node);
    }

    ObjectNode listed(Page<Job> page, ResourceArns arns) {
        ObjectNode answer = JSON.createObjectNode();
        var jobs = answer.putArray("jobs");
        page.items().forEach(job -> jobs.add(summary(job, arns)));
        return RequestFields.withNextToken(answer, page);
    }

    /** The fields a JobSummary has; times are epoch seconds, as AWS's JSON protocol writes timestamps. */
    private static ObjectNode summary(Job job, ResourceArns arns) {
        ObjectNode node = JSON.createObjectNode().put("jobArn", arns.job(job.id())).put("jobId", job.id())
                .put("targetSelection", job.targetSelection()).put("status", job.status())
                .put("createdAt", job.createdAt() / 1000.0).put("lastUpdatedAt", job.lastUpdatedAt() / 1000.0);
        if (job.completedAt() != null) {
            node.put("completedAt", job.completedAt() / 1000.0);
        }
        return node;
    }

    private static void requireJsonObject(String document) {
        try {
            if (!JSON.readTree(document).isObject()) {
                throw ControlPlaneException.invalid("document must be a JSON object");
            }
        } catch (JsonProcessingException e) {
            throw ControlPlaneException.invalid("document is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    private static List<String> targets(JsonNode targets) {
        if (!targets.isArray()) {
            throw ControlPlaneException.invalid("targets is required: a list of thing or thing group ARNs");
        }
        List<String> arns = new ArrayList<>();
        targets.forEach(target -> {
            if (!target.isTextual()) {
                throw ControlPlaneException.invalid("targets must hold ARN strings, not " + target.getNodeType());
            }
            arns.add(target.asText());
        });
        return arns;
    }

    private static Long timeoutMinutes(JsonNode timeoutConfig) {
        JsonNode minutes = timeoutConfig.path("inProgressTimeoutInMinutes");
        if (minutes.isMissingNode() || minutes.isNull()) {
            return null;
        }
        if (!minutes.canConvertToExactIntegral() || !minutes.canConvertToLong()) {
            throw ControlPlaneException.invalid("timeoutConfig.inProgressTimeoutInMinutes must be an integer, not "
                    + minutes);
        }
        return minutes.longValue();
    }

    private static List<RetryCriterion> retryCriteria(JsonNode retryConfig) {
        JsonNode list = retryConfig.path("criteriaList");
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw ControlPlaneException.invalid("jobExecutionsRetryConfig.criteriaList must be a list");
        }
        List<RetryCriterion> criteria = new ArrayList<>();
        list.forEach(entry -> {
            JsonNode retries = entry.path("numberOfRetries");
            if (!retries.canConvertToExactIntegral() || !retries.canConvertToInt()) {
                throw ControlPlaneException.invalid("jobExecutionsRetryConfig.criteriaList: numberOfRetries must be "
                        + "an integer, not " + retries);
            }
            criteria.add(new RetryCriterion(RequestFields.text(entry, "failureType"), retries.intValue()));
        });
        return criteria;
    }
}
