package io.fleet.cloud.jobs;

import io.fleet.cloud.controlplane.ControlPlaneException;
import java.util.Set;

/** One entry of {@code jobExecutionsRetryConfig.criteriaList}: retry executions that end so, up to that often. */
public record RetryCriterion(String failureType, int numberOfRetries) {

    private static final Set<String> FAILURE_TYPES = Set.of("FAILED", "TIMED_OUT", "ALL");

    public RetryCriterion {
        if (failureType == null || !FAILURE_TYPES.contains(failureType)) {
            throw ControlPlaneException.invalid("jobExecutionsRetryConfig.criteriaList: failureType '" + failureType
                    + "' must be FAILED, TIMED_OUT or ALL");
        }
        if (numberOfRetries < 0 || numberOfRetries > 10) {
            throw ControlPlaneException.invalid("jobExecutionsRetryConfig.criteriaList: numberOfRetries "
                    + numberOfRetries + " must be 0 to 10");
        }
    }
}
