package io.fleet.cloud.jobs;

import java.util.Set;

/**
 * The states of a job execution and who may move it where, as AWS IoT Jobs has them: a device moves a QUEUED or
 * IN_PROGRESS execution to IN_PROGRESS, SUCCEEDED, FAILED or REJECTED; the service alone sets TIMED_OUT, CANCELED
 * and REMOVED (and QUEUED again, for a retry). Every state but QUEUED and IN_PROGRESS is terminal.
 */
public enum ExecutionStatus {
    QUEUED, IN_PROGRESS, SUCCEEDED, FAILED, TIMED_OUT, REJECTED, REMOVED, CANCELED;

    private static final Set<ExecutionStatus> SET_BY_DEVICES = Set.of(IN_PROGRESS, SUCCEEDED, FAILED, REJECTED);

    public boolean isTerminal() {
        return this != QUEUED && this != IN_PROGRESS;
    }

    /** A state a device may ask for in UpdateJobExecution. */
    public boolean isSetByDevices() {
        return SET_BY_DEVICES.contains(this);
    }

    /** Ended by the service rather than the device: a device's late update finds the execution over. */
    public boolean isEndedByService() {
        return this == TIMED_OUT || this == CANCELED || this == REMOVED;
    }

    /** The status named so, or null when there is none (a device's typo). */
    static ExecutionStatus parse(String name) {
        for (ExecutionStatus status : values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        return null;
    }
}
