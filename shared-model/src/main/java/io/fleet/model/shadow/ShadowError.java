package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.Optional;

/**
 * The error document AWS publishes on {@code .../rejected} and returns as the HTTP error body:
 * {@code {"code", "message", "timestamp", "clientToken"?}}
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-document.html#device-shadow-example-error-json).
 *
 * @param type        which error; gives the code
 * @param message     the message AWS sends (for most types exactly {@code type.message()})
 * @param timestamp   epoch seconds when the error was produced
 * @param clientToken the request's token, when the request was valid enough to read it
 */
public record ShadowError(ShadowErrorType type, String message, long timestamp, Optional<ClientToken> clientToken)
        implements ShadowResponse {

    public ShadowError {
        Checks.notNull(type, "type");
        Checks.notNull(message, "message");
        Checks.nonNegative(timestamp, "timestamp");
        Checks.notNull(clientToken, "clientToken");
    }

    public static ShadowError of(ShadowErrorType type, long timestamp, Optional<ClientToken> clientToken) {
        return new ShadowError(type, type.message(), timestamp, clientToken);
    }

    /**
     * 404 {@code No shadow exists with name: '<thing>'}, or {@code '<thing>~<shadow>'} for a named shadow, as
     * AWS IoT answers (the developer guide lists it as "No shadow exists with name: shadowName").
     */
    public static ShadowError noShadow(ShadowId id, long timestamp, Optional<ClientToken> clientToken) {
        String message = ShadowErrorType.NO_SHADOW.message() + ": '" + id.nameInErrors() + "'";
        return new ShadowError(ShadowErrorType.NO_SHADOW, message, timestamp, clientToken);
    }

    /** 400 {@code State contains an invalid node: '<node>'}, the wording AWS IoT uses (and moto copies). */
    public static ShadowError invalidNode(String node, long timestamp, Optional<ClientToken> clientToken) {
        String message = ShadowErrorType.INVALID_NODE.message() + ": '" + node + "'";
        return new ShadowError(ShadowErrorType.INVALID_NODE, message, timestamp, clientToken);
    }

    public int code() {
        return type.code();
    }
}
