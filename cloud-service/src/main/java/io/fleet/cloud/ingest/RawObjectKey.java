package io.fleet.cloud.ingest;

import java.util.Optional;

/**
 * A drive log's place in the bucket: {@code raw/<vehicle>/<name>}, where vehicles and data loggers upload. Deeper
 * keys ({@code raw/car-7/2024/06/x.mf4}) belong to the same vehicle; folder markers (keys ending in "/") are none.
 */
public record RawObjectKey(String key, String vehicle, String fileName) {

    public static final String PREFIX = "raw/";

    /** The drive log a key names, or empty for keys outside {@code raw/<vehicle>/}. */
    public static Optional<RawObjectKey> parse(String key) {
        if (!key.startsWith(PREFIX) || key.endsWith("/")) {
            return Optional.empty();
        }
        String rest = key.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        return Optional.of(new RawObjectKey(key, rest.substring(0, slash), key.substring(key.lastIndexOf('/') + 1)));
    }
}
