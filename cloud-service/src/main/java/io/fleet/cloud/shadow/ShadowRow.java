package io.fleet.cloud.shadow;

/**
 * A stored shadow as the database holds it.
 *
 * @param document JSON {"state": ..., "metadata": ...} as the shadow engine produced it
 * @param updatedAt epoch seconds of the last change
 */
public record ShadowRow(long version, String document, long updatedAt) {
}
