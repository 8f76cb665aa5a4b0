package io.fleet.agent.sync;

import io.fleet.model.vehicle.LastCommand;
import io.fleet.model.vehicle.VehicleState;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the agent must remember across restarts: the desired changes it acted on (per leaf path), the last vehicle
 * state and command outcome it reported or wants to report, whether that report still waits to be sent, and the
 * command being actuated right now ({@code inFlight}, null when none) with the outcome to report should the agent
 * die before it ends.
 */
public record JournalState(Map<String, AppliedDesired> applied, VehicleState reported, LastCommand lastCommand,
                           boolean reportPending, LastCommand inFlight) {

    public JournalState {
        applied = Map.copyOf(applied);
    }

    public static JournalState empty() {
        return new JournalState(Map.of(), null, null, false, null);
    }

    /** Records a desired change as acted on, before it is actuated, with the outcome a crash would leave. */
    public JournalState withStarted(String path, AppliedDesired desired, LastCommand outcomeIfInterrupted) {
        Map<String, AppliedDesired> next = new TreeMap<>(applied);
        next.put(path, desired);
        return new JournalState(next, reported, lastCommand, reportPending, outcomeIfInterrupted);
    }

    public JournalState withApplied(String path, AppliedDesired desired) {
        Map<String, AppliedDesired> next = new TreeMap<>(applied);
        next.put(path, desired);
        return new JournalState(next, reported, lastCommand, reportPending, inFlight);
    }

    /** The report to send next; offline reports coalesce into this one. A command outcome ends the in-flight one. */
    public JournalState withPendingReport(VehicleState state, LastCommand command) {
        return new JournalState(applied, state, command == null ? lastCommand : command, true,
                command == null ? inFlight : null);
    }

    public JournalState withReportSent(VehicleState sentState) {
        return new JournalState(applied, reported, lastCommand, !sentState.equals(reported), inFlight);
    }
}
