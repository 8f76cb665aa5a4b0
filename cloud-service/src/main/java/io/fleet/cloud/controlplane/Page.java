package io.fleet.cloud.controlplane;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One page of a listing and the token for the next ({@code nextToken} null on the last page). The token is the
 * last name of this page, base64url-encoded: the next page starts after it, so things created or deleted between
 * two calls neither repeat nor shift a page.
 */
public record Page<T>(List<T> items, String nextToken) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");

    public Page {
        items = List.copyOf(items);
    }

    /** The first {@code size} of {@code fetched} (fetch one more than a page to know whether another follows). */
    public static <T> Page<T> of(List<T> fetched, int size, Function<T, String> name) {
        if (fetched.size() <= size) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, size);
        return new Page<>(items, tokenAfter(name.apply(items.get(size - 1))));
    }

    /** The token of a page that starts after {@code name}. */
    public static String tokenAfter(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The name a page starts after: null for the first page; a token this service did not issue (not base64url of
     * a name of {@code [a-zA-Z0-9:_-]}) is refused.
     */
    public static String after(String nextToken) {
        if (nextToken == null || nextToken.isEmpty()) {
            return null;
        }
        try {
            String name = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
            if (NAME.matcher(name).matches()) {
                return name;
            }
        } catch (IllegalArgumentException e) {
            // answered below, as any other token that is not ours
        }
        throw ControlPlaneException.invalid("nextToken '" + nextToken + "' is not a token this service issued");
    }
}
