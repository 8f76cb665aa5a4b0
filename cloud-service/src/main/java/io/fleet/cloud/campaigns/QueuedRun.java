package io.fleet.cloud.campaigns;

import java.util.List;
import java.util.Set;

/** A QUEUED run as the leasing needs it: what its rig must have and which rigs rejected it. */
record QueuedRun(long id, List<String> capabilities, Set<String> excludedRigs) {

    QueuedRun {
        capabilities = List.copyOf(capabilities);
        excludedRigs = Set.copyOf(excludedRigs);
    }

    boolean servableBy(Rig rig) {
        return rig.covers(capabilities) && !excludedRigs.contains(rig.name());
    }
}
