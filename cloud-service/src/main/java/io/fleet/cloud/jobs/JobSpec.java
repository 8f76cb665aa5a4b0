package io.fleet.cloud.jobs;

import io.fleet.cloud.controlplane.ControlPlaneException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A CreateJob request, checked with AWS IoT's limits: job id {@code [a-zA-Z0-9_-]{1,64}}, 1 to 100 targets, a
 * document of at most 32 KB, a description of at most 2028 characters without control characters, an in-progress
 * timeout of 1 to 10,080 minutes (7 days), at most two retry criteria, one per failure type.
 *
 * @param timeoutMinutes null when the job has no in-progress timeout
 */
public record JobSpec(String jobId, List<String> targets, String document, String description, Long timeoutMinutes,
                      List<RetryCriterion> retryCriteria) {

    private static final Pattern JOB_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern DESCRIPTION = Pattern.compile("[^\\p{C}]{0,2028}");
    static final int MAX_TARGETS = 100;
    static final int MAX_DOCUMENT_BYTES = 32 * 1024;
    static final long MAX_TIMEOUT_MINUTES = 7 * 24 * 60;

    public JobSpec {
        jobId(jobId);
        if (targets == null || targets.isEmpty() || targets.size() > MAX_TARGETS) {
            throw ControlPlaneException.invalid("targets must list 1 to " + MAX_TARGETS + " thing or thing group "
                    + "ARNs, not " + (targets == null ? 0 : targets.size()));
        }
        targets = List.copyOf(targets);
        if (document.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
            throw ControlPlaneException.invalid("document is larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        if (description != null && !DESCRIPTION.matcher(description).matches()) {
            throw ControlPlaneException.invalid("description must be at most 2028 characters without control "
                    + "characters");
        }
        if (timeoutMinutes != null && (timeoutMinutes < 1 || timeoutMinutes > MAX_TIMEOUT_MINUTES)) {
            throw ControlPlaneException.invalid("timeoutConfig.inProgressTimeoutInMinutes " + timeoutMinutes
                    + " must be 1 to " + MAX_TIMEOUT_MINUTES);
        }
        retryCriteria = List.copyOf(retryCriteria);
        if (retryCriteria.size() > 2 || retryCriteria.stream().map(RetryCriterion::failureType).distinct().count()
                < retryCriteria.size()) {
            throw ControlPlaneException.invalid("jobExecutionsRetryConfig.criteriaList takes at most two criteria, "
                    + "each failureType once");
        }
    }

    static String jobId(String jobId) {
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            throw ControlPlaneException.invalid("jobId '" + jobId + "' must be 1 to 64 characters of [a-zA-Z0-9_-]");
        }
        return jobId;
    }
}
