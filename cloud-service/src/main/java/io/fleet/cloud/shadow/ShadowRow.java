package io.fleet.cloud.shadow;

/**
 * A stored shadow as the database holds it, or the tombstone of a deleted one: AWS IoT continues a deleted shadow's
 * version numbering when it is created again within 48 hours, so a delete keeps the row's version.
 *
 * @param document JSON {"state": ..., "metadata": ...} as the shadow engine produced it ({} for a tombstone)
 * @param updatedAt epoch seconds of the last change (of the delete, for a tombstone)
 * @param deleted  true for the tombstone of a deleted shadow: to every reader it is no shadow
 */
public record ShadowRow(long version, String document, long updatedAt, boolean deleted) {

    /** How long a deleted shadow's version is continued, as AWS IoT documents it. */
    public static final long TOMBSTONE_SECONDS = 48 * 3600;

    public ShadowRow(long version, String document, long updatedAt) {
        this(version, document, updatedAt, false);
    }

    public static ShadowRow tombstone(long version, long deletedAtEpochSeconds) {
        return new ShadowRow(version, "{}", deletedAtEpochSeconds, true);
    }

    /** The version a shadow created now continues from: this tombstone's within 48 hours, else 0. */
    public long versionToContinue(long nowEpochSeconds) {
        return deleted && nowEpochSeconds - updatedAt < TOMBSTONE_SECONDS ? version : 0;
    }
}
