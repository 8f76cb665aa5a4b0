package io.fleet.cloud.campaigns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which queued run goes to which free rig: runs in queue order (priority, higher first, then FIFO), each to the
 * first rig by name that is dispatchable, covers its capabilities and has not rejected it; a rig gets one run. A run
 * no free rig can serve waits without holding back the runs behind it.
 */
final class LeasePlanner {

    record Lease(long runId, String rig) {
    }

    private LeasePlanner() {
    }

    /** @param queue the QUEUED runs in queue order */
    static List<Lease> plan(List<QueuedRun> queue, List<Rig> rigs) {
        List<Rig> free = new ArrayList<>(rigs.stream().filter(Rig::dispatchable)
                .sorted(Comparator.comparing(Rig::name)).toList());
        List<Lease> leases = new ArrayList<>();
        for (QueuedRun run : queue) {
            if (free.isEmpty()) {
                break;
            }
            for (int i = 0; i < free.size(); i++) {
                if (run.servableBy(free.get(i))) {
                    leases.add(new Lease(run.id(), free.remove(i).name()));
                    break;
                }
            }
        }
        return leases;
    }

    /** How many of the queued runs {@code rig} could serve (its queue length on {@code GET /api/rigs}). */
    static long servable(Rig rig, List<QueuedRun> queue) {
        return queue.stream().filter(run -> run.servableBy(rig)).count();
    }
}
