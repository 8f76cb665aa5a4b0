package io.fleet.cloud.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.cloud.controlplane.ControlPlaneException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobSpecTest {

    private static final List<String> TARGET = List.of("arn:aws:iot:us-east-1:000000000000:thing/rig-1");

    private static JobSpec spec(String id, List<String> targets, String document, Long timeout,
                                List<RetryCriterion> retries) {
        return new JobSpec(id, targets, document, null, timeout, retries);
    }

    @Test
    void awsLimitsAreAcceptedAtTheirEdges() {
        JobSpec spec = spec("a".repeat(64), Collections.nCopies(100, TARGET.get(0)), "{}", 10_080L,
                List.of(new RetryCriterion("FAILED", 10), new RetryCriterion("TIMED_OUT", 0)));

        assertThat(spec.retryCriteria()).hasSize(2);
    }

    @Test
    void valuesOutsideAwsLimitsAreInvalidRequestsNamingTheField() {
        assertInvalid(() -> spec("a".repeat(65), TARGET, "{}", null, List.of()), "jobId");
        assertInvalid(() -> spec("job", List.of(), "{}", null, List.of()), "targets");
        assertInvalid(() -> spec("job", Collections.nCopies(101, TARGET.get(0)), "{}", null, List.of()), "targets");
        assertInvalid(() -> spec("job", TARGET, "{\"x\":\"" + "y".repeat(32 * 1024) + "\"}", null, List.of()),
                "document");
        assertInvalid(() -> spec("job", TARGET, "{}", 10_081L, List.of()), "inProgressTimeoutInMinutes");
        assertInvalid(() -> spec("job", TARGET, "{}", null, List.of(new RetryCriterion("FAILED", 1),
                new RetryCriterion("FAILED", 2))), "each failureType once");
        assertInvalid(() -> new RetryCriterion("REJECTED", 1), "failureType 'REJECTED'");
        assertInvalid(() -> new RetryCriterion("ALL", 11), "numberOfRetries 11");
        assertInvalid(() -> new JobSpec("job", TARGET, "{}", "line\nbreak", null, List.of()), "description");
    }

    private static void assertInvalid(Runnable construction, String naming) {
        assertThatThrownBy(construction::run).isInstanceOfSatisfying(ControlPlaneException.class, e -> {
            assertThat(e.type()).isEqualTo(ControlPlaneException.Type.INVALID_REQUEST);
            assertThat(e.getMessage()).contains(naming);
        });
    }
}
