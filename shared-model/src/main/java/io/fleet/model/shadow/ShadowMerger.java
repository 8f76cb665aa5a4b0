package io.fleet.model.shadow;

import com.fasterxml.jackson.databind.JsonNode;
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
            return ImmutableJsonObject.adopt(timestampsOf(merge.changes().node(), now));
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
                metadata.set(key, timestampLeaf(now));
            }
        }
    }

    private static ObjectNode timestampsOf(ObjectNode changes, long now) {
        ObjectNode metadata = JsonTrees.newObject();
        for (Map.Entry<String, JsonNode> change : changes.properties()) {
            JsonNode value = change.getValue();
            metadata.set(change.getKey(),
                    value.isObject() ? timestampsOf((ObjectNode) value, now) : timestampLeaf(now));
        }
        return metadata;
    }

    static ObjectNode timestampLeaf(long now) {
        ObjectNode leaf = JsonTrees.newObject();
        leaf.put("timestamp", now);
        return leaf;
    }
}
