package io.fleet.cloud.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One error answer: its type and a message that tells the caller what to change. Sent as
 * {@code {"code": <status>, "error": <type code>, "message": ...}} by {@link ApiErrors#send}.
 *
 * @param retryAfterSeconds sent as {@code Retry-After} (with {@link ApiErrorType#THROTTLED})
 */
public record ApiError(ApiErrorType type, String message, OptionalLong retryAfterSeconds) {

    public ApiError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
    }

    public static ApiError of(ApiErrorType type, String message) {
        return new ApiError(type, message, OptionalLong.empty());
    }

    public static ApiError badRequest(String message) {
        return of(ApiErrorType.BAD_REQUEST, message);
    }

    public static ApiError unauthorized(String message) {
        return of(ApiErrorType.UNAUTHORIZED, message);
    }

    public static ApiError forbidden(String message) {
        return of(ApiErrorType.FORBIDDEN, message);
    }

    public static ApiError notFound(String message) {
        return of(ApiErrorType.NOT_FOUND, message);
    }

    /** A failure of the service's own: the details are in its log only, never in the answer. */
    public static ApiError internal() {
        return of(ApiErrorType.INTERNAL_ERROR, "the request failed; see the service log");
    }

    public static ApiError throttled(String message, long retryAfterSeconds) {
        return new ApiError(ApiErrorType.THROTTLED, message, OptionalLong.of(retryAfterSeconds));
    }

    public int status() {
        return type.status();
    }

    public String toJson() {
        return toJsonNode().toString();
    }

    /** {@code {code, error, message}}, for answers that add fields of their own (a 409 carries the command). */
    public ObjectNode toJsonNode() {
        return JsonNodeFactory.instance.objectNode().put("code", type.status()).put("error", type.code())
                .put("message", message);
    }
}
