package io.fleet.model.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.model.Checks;
import java.util.Optional;

/**
 * A JSON object that nobody can change: the shadow's state sections, metadata and patches.
 * Jackson nodes are mutable, so the tree is copied on the way in ({@link #copyOf}) and on the way out
 * ({@link #toObjectNode}, {@link #at}); inside this package the engine reads {@link #node()} without copying and
 * never writes to it.
 */
public final class ImmutableJsonObject {

    private static final ImmutableJsonObject EMPTY = new ImmutableJsonObject(JsonTrees.newObject());

    private final ObjectNode node;

    private ImmutableJsonObject(ObjectNode node) {
        this.node = node;
    }

    public static ImmutableJsonObject empty() {
        return EMPTY;
    }

    public static ImmutableJsonObject copyOf(ObjectNode node) {
        return new ImmutableJsonObject(Checks.notNull(node, "node").deepCopy());
    }

    /** Parses a JSON object, e.g. a test fixture or a value the cloud service builds from an app command. */
    public static ImmutableJsonObject parse(String json) {
        Checks.notNull(json, "json");
        try {
            JsonNode parsed = JsonTrees.MAPPER.readTree(json);
            Checks.check(parsed != null && parsed.isObject(), "json", "must be a JSON object", json);
            return new ImmutableJsonObject((ObjectNode) parsed);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("json is not valid JSON (was " + json + ")", e);
        }
    }

    /** Takes ownership of a tree the caller built and will not touch again; no copy. */
    static ImmutableJsonObject adopt(ObjectNode freshNode) {
        return freshNode.isEmpty() ? EMPTY : new ImmutableJsonObject(freshNode);
    }

    /** The tree itself, for reading inside this package only. */
    ObjectNode node() {
        return node;
    }

    public boolean isEmpty() {
        return node.isEmpty();
    }

    /** A private copy the caller may change. */
    public ObjectNode toObjectNode() {
        return node.deepCopy();
    }

    /** A copy of the value at a JSON pointer such as {@code /color/r}, if there is one. */
    public Optional<JsonNode> at(String jsonPointer) {
        JsonNode found = node.at(jsonPointer);
        return found.isMissingNode() ? Optional.empty() : Optional.of(found.deepCopy());
    }

    /**
     * Same JSON value: key order does not matter and numbers compare by value ({@code 5} as parsed equals the
     * {@code 5L} the engine writes), so a shadow read back from storage equals the one that was stored.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ImmutableJsonObject that && JsonTrees.sameValue(node, that.node);
    }

    @Override
    public int hashCode() {
        return JsonTrees.valueHash(node);
    }

    /** Compact JSON. */
    @Override
    public String toString() {
        return node.toString();
    }
}
