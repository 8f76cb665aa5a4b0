package io.fleet.cloud.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeasePlannerTest {

    private static Rig rig(String name, boolean connected, String health, Long currentRun, String... capabilities) {
        return new Rig(name, List.of(capabilities), connected, health, false, Optional.empty(), Optional.empty(),
                Optional.ofNullable(currentRun));
    }

    private static Rig free(String name, String... capabilities) {
        return rig(name, true, "healthy", null, capabilities);
    }

    private static QueuedRun run(long id, String... capabilities) {
        return new QueuedRun(id, List.of(capabilities), Set.of());
    }

    @Test
    void runsGoInQueueOrderOneToEachFreeRigByName() {
        List<LeasePlanner.Lease> leases = LeasePlanner.plan(List.of(run(7), run(3), run(9)),
                List.of(free("rig-2", "can"), free("rig-1", "can")));

        assertThat(leases).containsExactly(new LeasePlanner.Lease(7, "rig-1"), new LeasePlanner.Lease(3, "rig-2"));
    }

    @Test
    void aRigLackingACapabilityGetsNothingAndTheRunWaitsWithoutHoldingBackTheNext() {
        List<LeasePlanner.Lease> leases = LeasePlanner.plan(List.of(run(1, "canfd"), run(2, "can")),
                List.of(free("rig-1", "can")));

        assertThat(leases).containsExactly(new LeasePlanner.Lease(2, "rig-1"));
    }

    @Test
    void unhealthyDisconnectedAndLeasedRigsGetNothing() {
        List<LeasePlanner.Lease> leases = LeasePlanner.plan(List.of(run(1), run(2), run(3)),
                List.of(rig("sick", true, "unhealthy", null, "can"), rig("gone", false, "healthy", null, "can"),
                        rig("busy", true, "healthy", 42L, "can"), rig("unknown", true, "unknown", null, "can")));

        assertThat(leases).isEmpty();
    }

    @Test
    void aRigThatReportsBusyWithoutALeaseOfOursGetsNothing() {
        Rig busy = new Rig("manual-job-rig", List.of("can"), true, "healthy", true, Optional.empty(),
                Optional.empty(), Optional.empty());

        assertThat(busy.dispatchable()).isFalse();
        assertThat(LeasePlanner.plan(List.of(run(1)), List.of(busy, free("rig-2", "can"))))
                .containsExactly(new LeasePlanner.Lease(1, "rig-2"));
    }

    @Test
    void aRigThatRejectedARunIsNotOfferedItAgain() {
        QueuedRun rejected = new QueuedRun(1, List.of(), Set.of("rig-1"));

        assertThat(LeasePlanner.plan(List.of(rejected), List.of(free("rig-1"), free("rig-2"))))
                .containsExactly(new LeasePlanner.Lease(1, "rig-2"));
        assertThat(LeasePlanner.plan(List.of(rejected), List.of(free("rig-1")))).isEmpty();
    }

    @Test
    void theQueueLengthOfARigCountsTheRunsItCouldServe() {
        List<QueuedRun> queue = List.of(run(1, "can"), run(2, "canfd"), new QueuedRun(3, List.of(), Set.of("a")));

        assertThat(LeasePlanner.servable(free("a", "can"), queue)).isEqualTo(1);
        assertThat(LeasePlanner.servable(free("b", "can", "canfd"), queue)).isEqualTo(3);
    }
}
