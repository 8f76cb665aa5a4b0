package io.fleet.cloud.users;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Bearer-token authentication for the app API, the console and Alexa account linking (the linked access token is
 * an app API token). Tokens are stored only as hashes.
 */
public interface UserDirectory {

    /** The token's user, or empty for an unknown or malformed token. Never throws. */
    CompletableFuture<Optional<User>> authenticate(String bearerToken);
}
