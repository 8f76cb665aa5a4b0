package io.fleet.cloud.shadow;

/**
 * The answer to one shadow request: HTTP status (200 for accepted, AWS's error code otherwise) and the JSON body
 * that AWS sends on {@code /accepted} or {@code /rejected} (and as the HTTP body).
 */
public record ShadowReply(int status, byte[] body) {

    public boolean accepted() {
        return status == 200;
    }
}
