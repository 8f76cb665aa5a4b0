package io.fleet.agent.sync;

import io.fleet.agent.vehicle.LastCommand;
import io.fleet.agent.vehicle.VehicleState;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the agent must remember across restarts: the desired changes it acted on (per leaf path), the last vehicle
 * state and command outcome it reported or wants to report, and whether that report still waits to be sent.
 */
public record JournalState(Map<String, AppliedDesired> applied, VehicleState reported, LastCommand lastCommand,
                           boolean reportPending) {

    public JournalState {
        applied = Map.copyOf(applied);
    }

    public static JournalState empty() {
        return new JournalState(Map.of(), null, null, false);
    }

    public JournalState withApplied(String path, AppliedDesired desired) {
        Map<String, AppliedDesired> next = new TreeMap<>(applied);
        next.put(path, desired);
        return new JournalState(next, reported, lastCommand, reportPending);
    }

    /** The report to send next; offline reports coalesce into this one. */
    public JournalState withPendingReport(VehicleState state, LastCommand command) {
        return new JournalState(applied, state, command == null ? lastCommand : command, true);
    }

    public JournalState withReportSent(VehicleState sentState) {
        return new JournalState(applied, reported, lastCommand, !sentState.equals(reported));
    }
}
