package io.fleet.cloud.vehicles;

/**
 * Where an app or Alexa command stands. PENDING: desired written, the vehicle has not confirmed receipt (offline, or
 * not yet answered); DELIVERED: the vehicle's agent reported receipt ({@code reported.lastCommand} IN_PROGRESS for
 * this desired version) and is acting on it. The rest are final: SUCCEEDED, REJECTED, FAILED, TIMED_OUT and EXPIRED
 * as the agent reports them in {@code reported.lastCommand}; CANCELED by the user before receipt; EXPIRED also when
 * the command was not received before its expiry; TIMED_OUT also when a received command got no outcome in time. A
 * command withdrawn by the cloud has its desired value removed, so the car never acts on it later. Agents that never
 * report receipt still work: their commands go from PENDING straight to the outcome.
 */
public enum CommandStatus {
    PENDING, DELIVERED, SUCCEEDED, REJECTED, FAILED, TIMED_OUT, CANCELED, EXPIRED;

    public boolean isFinal() {
        return this != PENDING && this != DELIVERED;
    }
}
