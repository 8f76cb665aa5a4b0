package io.fleet.cloud.jobs;

/**
 * A device request the Jobs service refuses, answered on {@code <request topic>/rejected} with AWS's error code
 * (InvalidTopic, InvalidJson, InvalidRequest, InvalidStateTransition, ResourceNotFound, VersionMismatch,
 * TerminalStateReached, InternalError) and, where AWS includes it, the execution's current state.
 */
final class DeviceJobException extends RuntimeException {

    private final String code;
    private final transient JobExecution executionState;

    DeviceJobException(String code, String message, JobExecution executionState) {
        super(message, null, false, false); // an answer to the device, not a failure: no stack trace
        this.code = code;
        this.executionState = executionState;
    }

    static DeviceJobException invalidRequest(String message) {
        return new DeviceJobException("InvalidRequest", message, null);
    }

    static DeviceJobException notFound(String message) {
        return new DeviceJobException("ResourceNotFound", message, null);
    }

    String code() {
        return code;
    }

    /** The execution as it stands, or null. */
    JobExecution executionState() {
        return executionState;
    }
}
