package io.fleet.cloud.controlplane;

/**
 * A request the registry refuses, as AWS IoT's control plane refuses it: the error type the SDK maps to its typed
 * exception ({@code x-amzn-ErrorType}), the HTTP status and a message naming the field and why. For an existing
 * resource, {@code resourceId} and {@code resourceArn} say which one (AWS's ResourceAlreadyExistsException carries
 * both).
 */
public final class ControlPlaneException extends RuntimeException {

    /** The AWS IoT error types the registry answers with, and their HTTP status. */
    public enum Type {
        INVALID_REQUEST(400, "InvalidRequestException"),
        RESOURCE_NOT_FOUND(404, "ResourceNotFoundException"),
        RESOURCE_ALREADY_EXISTS(409, "ResourceAlreadyExistsException"),
        VERSION_CONFLICT(409, "VersionConflictException"),
        INVALID_STATE_TRANSITION(409, "InvalidStateTransitionException");

        private final int status;
        private final String awsName;

        Type(int status, String awsName) {
            this.status = status;
            this.awsName = awsName;
        }

        public int status() {
            return status;
        }

        public String awsName() {
            return awsName;
        }
    }

    private final Type type;
    private final String resourceId;
    private final String resourceArn;

    private ControlPlaneException(Type type, String message, String resourceId, String resourceArn) {
        super(message, null, false, false); // an answer to the client, not a failure: no stack trace
        this.type = type;
        this.resourceId = resourceId;
        this.resourceArn = resourceArn;
    }

    public static ControlPlaneException invalid(String message) {
        return new ControlPlaneException(Type.INVALID_REQUEST, message, null, null);
    }

    public static ControlPlaneException notFound(String message) {
        return new ControlPlaneException(Type.RESOURCE_NOT_FOUND, message, null, null);
    }

    public static ControlPlaneException alreadyExists(String message, String resourceId, String resourceArn) {
        return new ControlPlaneException(Type.RESOURCE_ALREADY_EXISTS, message, resourceId, resourceArn);
    }

    public static ControlPlaneException versionConflict(String message) {
        return new ControlPlaneException(Type.VERSION_CONFLICT, message, null, null);
    }

    /** A job or job execution whose state does not allow the change (AWS IoT Jobs). */
    public static ControlPlaneException invalidStateTransition(String message) {
        return new ControlPlaneException(Type.INVALID_STATE_TRANSITION, message, null, null);
    }

    public Type type() {
        return type;
    }

    /** The id of the resource that already exists, or null. */
    public String resourceId() {
        return resourceId;
    }

    /** The ARN of the resource that already exists, or null. */
    public String resourceArn() {
        return resourceArn;
    }
}
