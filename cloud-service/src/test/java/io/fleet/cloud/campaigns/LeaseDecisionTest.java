package io.fleet.cloud.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaseDecisionTest {

    private static final Instant LEASED = Instant.parse("2026-12-07T20:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);

    private static LeasedRun run(String status, Map<String, String> details, Instant lastUpdate, boolean online) {
        return new LeasedRun(5, 1, RunState.LEASED, "rig-1", "campaign-1-run-5-1", 1, 0, 2, LEASED,
                Optional.ofNullable(status), details, Optional.ofNullable(lastUpdate), online);
    }

    @Test
    void aQueuedExecutionHoldsTheLeaseUntilItExpiresFromTheLease() {
        assertThat(LeaseDecision.judge(run("QUEUED", Map.of(), LEASED, true), LEASED.plusSeconds(59), LEASE))
                .isEqualTo(new LeaseDecision.Holds(RunState.LEASED, LEASED.plus(LEASE), Optional.empty()));
        assertThat(LeaseDecision.judge(run("QUEUED", Map.of(), LEASED, true), LEASED.plusSeconds(61), LEASE))
                .isInstanceOf(LeaseDecision.Lost.class);
    }

    @Test
    void everyExecutionUpdateIsAHeartbeat() {
        Instant beat = LEASED.plusSeconds(100);
        LeaseDecision decision = LeaseDecision.judge(run("IN_PROGRESS", Map.of("softwareVersion", "1.2"), beat, true),
                beat.plusSeconds(30), LEASE);

        assertThat(decision).isEqualTo(new LeaseDecision.Holds(RunState.RUNNING, beat.plus(LEASE),
                Optional.of("1.2")));
        assertThat(((LeaseDecision.Lost) LeaseDecision.judge(run("IN_PROGRESS", Map.of(), beat, true),
                beat.plusSeconds(61), LEASE)).reason()).contains("no heartbeat for 60 s");
    }

    @Test
    void aDisconnectedRigLosesItsLeaseAtOnce() {
        assertThat(LeaseDecision.judge(run("IN_PROGRESS", Map.of(), LEASED, false), LEASED.plusSeconds(1), LEASE))
                .isEqualTo(new LeaseDecision.Lost("rig rig-1 disconnected"));
    }

    @Test
    void aSucceededExecutionPassesWithTheRigsVerdictValuesAndResults() {
        Map<String, String> details = Map.of("verdict", "PASS", "results", "s3://b/results/1/5/", "frames", "1200",
                "latenessP99Us", "40", "softwareVersion", "0.9.0", "percent", "100");

        assertThat(LeaseDecision.judge(run("SUCCEEDED", details, LEASED, false), LEASED.plusSeconds(600), LEASE))
                .isEqualTo(new LeaseDecision.Finished(RunState.PASSED, Optional.of("PASS"),
                        Map.of("frames", "1200", "latenessP99Us", "40"), Optional.of("s3://b/results/1/5/"),
                        Optional.empty(), Optional.of("0.9.0")));
    }

    @Test
    void aFailedExecutionFailsWithItsReason() {
        LeaseDecision.Finished finished = (LeaseDecision.Finished) LeaseDecision.judge(run("FAILED",
                Map.of("verdict", "FAIL", "reason", "DUT did not answer"), LEASED, true), LEASED, LEASE);

        assertThat(finished.state()).isEqualTo(RunState.FAILED);
        assertThat(finished.reason()).contains("DUT did not answer");
    }

    @Test
    void aRejectionIsToldApartFromAnExecutionEndedBehindTheDispatchersBack() {
        assertThat(LeaseDecision.judge(run("REJECTED", Map.of("reason", "lacks canfd"), LEASED, true), LEASED, LEASE))
                .isEqualTo(new LeaseDecision.Rejected("rig rig-1 rejected the job: lacks canfd"));
        assertThat(LeaseDecision.judge(run("TIMED_OUT", Map.of(), LEASED, true), LEASED, LEASE))
                .isEqualTo(new LeaseDecision.Lost("the execution on rig rig-1 ended TIMED_OUT"));
        assertThat(LeaseDecision.judge(run(null, Map.of(), null, true), LEASED, LEASE))
                .isEqualTo(new LeaseDecision.Lost("job campaign-1-run-5-1 is gone"));
    }

    @Test
    void aDocumentTheRigFindsInvalidEndsTheRunWithTheRigsReasonInsteadOfGoingRoundThePool() {
        Map<String, String> details = Map.of("reason", "invalid job document", "field", "expect",
                "error", "expect: 'missing=0' judges answers to requests; give the requests with --match");
        assertThat(LeaseDecision.judge(run("REJECTED", details, LEASED, true), LEASED, LEASE))
                .isEqualTo(new LeaseDecision.Invalid("rig rig-1 rejected the job: invalid job document: expect: "
                        + "'missing=0' judges answers to requests; give the requests with --match"));
    }
}
