package io.fleet.cloud.shadow;

import io.fleet.model.shadow.ShadowJson;
import io.fleet.model.shadow.StoredShadow;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored shadow as the database holds it, or the tombstone of a deleted one: AWS IoT continues a deleted shadow's
 * version numbering when it is created again within 48 hours, so a delete keeps the row's version. Immutable; a row
 * made from a shadow, or read once, keeps the parsed shadow, so a commit lane that remembers the row never parses
 * its document again. Equality is by the four stored fields.
 */
public final class ShadowRow {

    /** How long a deleted shadow's version is continued, as AWS IoT documents it. */
    public static final long TOMBSTONE_SECONDS = 48 * 3600;

    private final long version;
    private final String document;
    private final long updatedAt;
    private final boolean deleted;
    /** Parsed on first use; a race parses twice into equal immutable values, which is harmless. */
    private StoredShadow shadow;

    /**
     * @param document  JSON {"state": ..., "metadata": ...} as the shadow engine produced it ({} for a tombstone)
     * @param updatedAt epoch seconds of the last change (of the delete, for a tombstone)
     * @param deleted   true for the tombstone of a deleted shadow: to every reader it is no shadow
     */
    public ShadowRow(long version, String document, long updatedAt, boolean deleted) {
        this.version = version;
        this.document = Objects.requireNonNull(document, "document");
        this.updatedAt = updatedAt;
        this.deleted = deleted;
    }

    public ShadowRow(long version, String document, long updatedAt) {
        this(version, document, updatedAt, false);
    }

    /** The row that stores {@code shadow}. */
    public static ShadowRow of(StoredShadow shadow) {
        ShadowRow row = new ShadowRow(shadow.version(), new String(ShadowJson.storedBytes(shadow),
                StandardCharsets.UTF_8), shadow.timestamp());
        row.shadow = shadow;
        return row;
    }

    public static ShadowRow tombstone(long version, long deletedAtEpochSeconds) {
        return new ShadowRow(version, "{}", deletedAtEpochSeconds, true);
    }

    public long version() {
        return version;
    }

    public String document() {
        return document;
    }

    public long updatedAt() {
        return updatedAt;
    }

    public boolean deleted() {
        return deleted;
    }

    /** The live shadow this row holds; empty for a tombstone. */
    public Optional<StoredShadow> shadow() {
        if (deleted) {
            return Optional.empty();
        }
        StoredShadow parsed = shadow;
        if (parsed == null) {
            parsed = ShadowJson.readStored(document.getBytes(StandardCharsets.UTF_8));
            shadow = parsed;
        }
        return Optional.of(parsed);
    }

    /** The version a shadow created now continues from: this tombstone's within 48 hours, else 0. */
    public long versionToContinue(long nowEpochSeconds) {
        return deleted && nowEpochSeconds - updatedAt < TOMBSTONE_SECONDS ? version : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShadowRow other && version == other.version && updatedAt == other.updatedAt
                && deleted == other.deleted && document.equals(other.document);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, document, updatedAt, deleted);
    }

    @Override
    public String toString() {
        return "ShadowRow[version=" + version + ", document=" + document + ", updatedAt=" + updatedAt + ", deleted="
                + deleted + "]";
    }
}
