package io.fleet.cloud.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pending executions of some things before a transaction changes them, with the things locked (in name order,
 * so that two transactions never wait on each other crosswise), to tell each thing what changed afterwards.
 */
final class PendingChanges {

    private final Map<String, List<JobExecution>> before = new TreeMap<>();
    private final JobExecutionStore executions;

    private PendingChanges(JobExecutionStore executions) {
        this.executions = executions;
    }

    static PendingChanges lock(Connection c, JobExecutionStore executions, Collection<String> things)
            throws SQLException {
        PendingChanges changes = new PendingChanges(executions);
        for (String thing : new TreeSet<>(things)) {
            executions.lockThing(c, thing);
            changes.before.put(thing, executions.pending(c, thing));
        }
        return changes;
    }

    /** The notify / notify-next events the change caused, to publish after the commit. */
    List<PendingJobsNotifier.Event> events(Connection c, long now) throws SQLException {
        PendingJobsNotifier notifier = new PendingJobsNotifier(executions);
        List<PendingJobsNotifier.Event> events = new ArrayList<>();
        for (var thing : before.entrySet()) {
            events.addAll(notifier.changes(c, thing.getKey(), thing.getValue(), now));
        }
        return events;
    }
}
