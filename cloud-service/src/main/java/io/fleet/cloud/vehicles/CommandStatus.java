package io.fleet.cloud.vehicles;

/**
 * Where an app or Alexa command stands. PENDING: desired written, the vehicle is offline; DELIVERED: the vehicle
 * was online when the desired state was written (or came online since), so it has the delta; the rest are final
 * and come from the agent's {@code reported.lastCommand}, except TIMED_OUT, which the cloud sets when the vehicle
 * has not confirmed in time (and then withdraws the desired value so the car never acts on a stale command).
 */
public enum CommandStatus {
    PENDING, DELIVERED, SUCCEEDED, REJECTED, FAILED, TIMED_OUT;

    public boolean isFinal() {
        return this != PENDING && this != DELIVERED;
    }
}
