package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.nio.charset.StandardCharsets;

/**
 * The token a client puts in a request so it can match the response; the service echoes it.
 * AWS rejects tokens longer than 64 bytes (UTF-8) with 400 "Invalid clientToken"
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-document.html#client-token).
 */
public record ClientToken(String value) {

    public static final int MAX_BYTES = 64;

    public ClientToken {
        Checks.notNull(value, "clientToken");
        Checks.check(fits(value), "clientToken", "must be at most " + MAX_BYTES + " bytes in UTF-8",
                value.getBytes(StandardCharsets.UTF_8).length + " bytes");
    }

    public static ClientToken of(String value) {
        return new ClientToken(value);
    }

    /** Whether {@code value} is short enough to be a client token; lets parsers reject without exceptions. */
    public static boolean fits(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    @Override
    public String toString() {
        return value;
    }
}
