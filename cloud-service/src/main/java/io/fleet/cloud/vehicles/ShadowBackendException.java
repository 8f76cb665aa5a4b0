package io.fleet.cloud.vehicles;

/** The shadow back-end refused or failed a request; {@code status} is AWS's HTTP status (409, 429, 500...). */
public final class ShadowBackendException extends RuntimeException {

    private final int status;

    public ShadowBackendException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ShadowBackendException(String message, Throwable cause) {
        super(message, cause);
        this.status = 500;
    }

    public int status() {
        return status;
    }
}
