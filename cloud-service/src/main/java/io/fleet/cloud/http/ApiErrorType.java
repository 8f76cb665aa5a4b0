package io.fleet.cloud.http;

import java.util.Arrays;

/**
 * The errors the service's JSON HTTP surfaces (app API, console, user admin, Alexa endpoint) answer with: the HTTP
 * status and the stable {@code error} code clients may branch on. The shadow API answers in AWS's own words instead
 * ({@link io.fleet.model.shadow.ShadowErrorType}). openapi.yaml lists these codes; a new one goes there too.
 */
public enum ApiErrorType {
    BAD_REQUEST(400, "BadRequest"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "NotFound"),
    CONFLICT(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "PayloadTooLarge"),
    THROTTLED(429, "Throttled"),
    INTERNAL_ERROR(500, "InternalError"),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable");

    private final int status;
    private final String code;

    ApiErrorType(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** The {@code error} field of the answer. */
    public String code() {
        return code;
    }

    /**
     * The type for a status the web framework failed a request with (e.g. 413 from the body limit); a status without
     * a type of its own is a bad request when it is 4xx and an internal error otherwise.
     */
    public static ApiErrorType forStatus(int status) {
        return Arrays.stream(values()).filter(t -> t.status == status).findFirst()
                .orElse(status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR);
    }
}
