package io.fleet.cloud.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What becomes of a leased run, judged from its job execution, the rig's presence and the time since the rig's
 * last heartbeat (an execution update, or the lease itself before the first): it still holds, it ended with the
 * rig's verdict, the rig rejected it, or the lease is lost (rig disconnected, heartbeat overdue, execution timed out
 * or removed behind the dispatcher's back).
 */
sealed interface LeaseDecision {

    /** Status detail keys that are not measured values. */
    Set<String> NOT_MEASURED = Set.of("verdict", "results", "reason", "softwareVersion", "percent", "campaign", "run");

    record Holds(RunState state, Instant leaseExpiresAt, Optional<String> softwareVersion) implements LeaseDecision {
    }

    record Finished(RunState state, Optional<String> verdict, Map<String, String> measured, Optional<String> results,
                    Optional<String> reason, Optional<String> softwareVersion) implements LeaseDecision {
    }

    record Rejected(String reason) implements LeaseDecision {
    }

    /**
     * The rig refused the job document itself (its statusDetails name the bad {@code field}): every rig would, so
     * the run ends ERROR instead of going round the pool.
     */
    record Invalid(String reason) implements LeaseDecision {
    }

    record Lost(String reason) implements LeaseDecision {
    }

    static LeaseDecision judge(LeasedRun run, Instant now, Duration lease) {
        Optional<String> software = Optional.ofNullable(run.details().get("softwareVersion"));
        if (run.executionStatus().isEmpty()) {
            return new Lost("job " + run.jobId() + " is gone");
        }
        switch (run.executionStatus().get()) {
            case "SUCCEEDED", "FAILED" -> {
                Map<String, String> measured = new TreeMap<>(run.details());
                measured.keySet().removeAll(NOT_MEASURED);
                RunState state = run.executionStatus().get().equals("SUCCEEDED") ? RunState.PASSED : RunState.FAILED;
                return new Finished(state, Optional.ofNullable(run.details().get("verdict")), measured,
                        Optional.ofNullable(run.details().get("results")),
                        Optional.ofNullable(run.details().get("reason")), software);
            }
            case "REJECTED" -> {
                String error = run.details().get("error");
                String reason = "rig " + run.rig() + " rejected the job: "
                        + run.details().getOrDefault("reason", "no reason given") + (error == null ? "" : ": " + error);
                return run.details().containsKey("field") ? new Invalid(reason) : new Rejected(reason);
            }
            case "QUEUED", "IN_PROGRESS" -> {
                // judged below
            }
            default -> {
                return new Lost("the execution on rig " + run.rig() + " ended " + run.executionStatus().get());
            }
        }
        if (!run.online()) {
            return new Lost("rig " + run.rig() + " disconnected");
        }
        Instant heartbeat = run.lastUpdate().filter(t -> t.isAfter(run.leasedAt())).orElse(run.leasedAt());
        Instant expires = heartbeat.plus(lease);
        if (now.isAfter(expires)) {
            return new Lost("rig " + run.rig() + " sent no heartbeat for " + lease.toSeconds() + " s (last at "
                    + heartbeat + ")");
        }
        RunState state = run.executionStatus().get().equals("IN_PROGRESS") ? RunState.RUNNING : RunState.LEASED;
        return new Holds(state, expires, software);
    }
}
