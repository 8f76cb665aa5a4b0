package io.fleet.model.vehicle;

import java.util.Objects;

/**
 * A valid desired change of one commandable leaf: {@code path} such as {@code "windows.fl"}, {@code value} in its
 * canonical form (window "down" becomes 100), {@code requested} as the shadow held it.
 */
public record Command(String path, Object value, Object requested) {
    public Command {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
    }
}
