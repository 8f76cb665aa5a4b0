package io.fleet.model.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Applies a {@link SectionPatch} to one state section and keeps its metadata in step
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-data-flow.html#deleting-thing-data).
 */
final class ShadowMerger {

    /** A state section and its metadata after a patch. */
    record MergedSection(ImmutableJsonObject state, ImmutableJsonObject metadata) {
    }

    private ShadowMerger() {
    }

    static MergedSection apply(ImmutableJsonObject state, ImmutableJsonObject metadata, SectionPatch patch,
                               long now) {
        if (patch instanceof SectionPatch.Remove) {
            return new MergedSection(ImmutableJsonObject.empty(), ImmutableJsonObject.empty());
        }
        if (patch instanceof SectionPatch.Merge merge) {
            ObjectNode newState = state.toObjectNode();
            ObjectNode newMetadata = metadata.toObjectNode();
            mergeInto(newState, newMetadata, merge.changes().node(), now);
            return new MergedSection(ImmutableJsonObject.adopt(newState), ImmutableJsonObject.adopt(newMetadata));
        }
        return new MergedSection(state, metadata);
    }

    /**
     * The {@code /update/accepted} metadata of a patch: its shape with every leaf, including the {@code null}s
     * that delete, replaced by {@code {"timestamp": now}}. A removed section gets one timestamp for itself.
     */
    static ImmutableJsonObject metadataOfSentLeaves(SectionPatch patch, long now) {
        if (patch instanceof SectionPatch.Merge merge) {
            return ImmutableJsonObject.adopt((ObjectNode) timestampsOf(merge.changes().node(), now));
        }
        if (patch instanceof SectionPatch.Remove) {
            return ImmutableJsonObject.adopt(timestampLeaf(now));
        }
        return ImmutableJsonObject.empty();
    }

    /**
     * Objects merge key by key; {@code null} deletes; scalars and arrays replace whole. An object left empty by
     * deletions disappears, as AWS removes sections that become empty.
     */
    private static void mergeInto(ObjectNode state, ObjectNode metadata, ObjectNode changes, long now) {
        for (Map.Entry<String, JsonNode> change : changes.properties()) {
            String key = change.getKey();
            JsonNode value = change.getValue();
            if (value.isNull()) {
                state.remove(key);
                metadata.remove(key);
            } else if (value.isObject()) {
                JsonNode existing = state.get(key);
                JsonNode existingMetadata = metadata.get(key);
                boolean mergeable = existing != null && existing.isObject();
                ObjectNode target = mergeable ? (ObjectNode) existing : state.putObject(key);
                ObjectNode targetMetadata = mergeable && existingMetadata != null && existingMetadata.isObject()
                        ? (ObjectNode) existingMetadata : metadata.putObject(key);
                mergeInto(target, targetMetadata, (ObjectNode) value, now);
                if (target.isEmpty()) {
                    state.remove(key);
                    metadata.remove(key);
                }
            } else {
                state.set(key, value.deepCopy());
                metadata.set(key, timestampsOf(value, now));
            }
        }
    }

    /**
     * The metadata AWS IoT keeps for a value: {@code {"timestamp": now}} for a scalar (or a {@code null} that
     * deletes), the same keys for an object, and one entry per element for an array, so {@code [1, {"b": 3}]} gets
     * {@code [{"timestamp": now}, {"b": {"timestamp": now}}]} and {@code []} gets {@code []}. The developer guide
     * shows no array metadata; this is what AWS IoT returns (moto's iotdata model copies it). The array is still
     * replaced whole (device-shadow-document.html, "Arrays"): every element gets the time of the write.
     */
    private static JsonNode timestampsOf(JsonNode value, long now) {
        if (value.isObject()) {
            ObjectNode metadata = JsonTrees.newObject();
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                metadata.set(field.getKey(), timestampsOf(field.getValue(), now));
            }
            return metadata;
        }
        if (value.isArray()) {
            ArrayNode metadata = JsonTrees.newArray(value.size());
            for (JsonNode element : value) {
                metadata.add(timestampsOf(element, now));
            }
            return metadata;
        }
        return timestampLeaf(now);
    }

    private static ObjectNode timestampLeaf(long now) {
        ObjectNode leaf = JsonTrees.newObject();
        leaf.put("timestamp", now);
        return leaf;
    }
}
