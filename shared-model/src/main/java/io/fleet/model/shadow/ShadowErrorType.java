package io.fleet.model.shadow;

/**
 * The errors the Device Shadow service answers with, code and message as AWS words them
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-error-messages.html).
 * Messages that carry a name are built by {@link ShadowError#noShadow} and {@link ShadowError#invalidNode}.
 */
public enum ShadowErrorType {
    INVALID_JSON(400, "Invalid JSON"),
    MISSING_STATE(400, "Missing required node: state"),
    STATE_NOT_OBJECT(400, "State node must be an object"),
    DESIRED_NOT_OBJECT(400, "Desired node must be an object"),
    REPORTED_NOT_OBJECT(400, "Reported node must be an object"),
    INVALID_VERSION(400, "Invalid version"),
    INVALID_CLIENT_TOKEN(400, "Invalid clientToken"),
    TOO_DEEP(400, "JSON contains too many levels of nesting; maximum is " + ShadowLimits.MAX_LEVELS),
    INVALID_NODE(400, "State contains an invalid node"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NO_SHADOW(404, "No shadow exists with name"),
    VERSION_CONFLICT(409, "Version conflict"),
    PAYLOAD_TOO_LARGE(413, "The payload exceeds the maximum size allowed"),
    UNSUPPORTED_ENCODING(415, "Unsupported documented encoding; supported encoding is UTF-8"),
    // The guide describes 429 only in prose (more than 10 in-flight requests); this is the text AWS APIs use.
    THROTTLED(429, "The request was denied due to throttling"),
    INTERNAL_FAILURE(500, "Internal service failure");

    private final int code;
    private final String message;

    ShadowErrorType(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The HTTP status, which AWS also sends as {@code code} in the MQTT error document. */
    public int code() {
        return code;
    }

    public String message() {
        return message;
    }
}
