package io.fleet.cloud.http;

import java.util.Optional;

/**
 * Checks a request's raw path before the router sees it. Vert.x Web decodes the path while it matches routes and
 * throws on a malformed percent-encoding ({@code /things/a%zzb/shadow}) before any route or failure handler runs,
 * so it would answer 400 and log the exception with its stack trace for every such request.
 */
final class RequestPaths {

    private RequestPaths() {
    }

    /** What is wrong with the percent-encoding of {@code rawPath}, or empty when every {@code %} has two hex digits. */
    static Optional<String> malformedEscape(String rawPath) {
        for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
            if (i + 2 >= rawPath.length() || !isHex(rawPath.charAt(i + 1)) || !isHex(rawPath.charAt(i + 2))) {
                String escape = rawPath.substring(i, Math.min(rawPath.length(), i + 3));
                return Optional.of("invalid percent-encoding '" + escape + "' at index " + i);
            }
        }
        return Optional.empty();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
