package io.fleet.model.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Computes the delta between desired and reported state, as AWS defines it
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-mqtt.html#update-delta-rules):
 * a desired value is in the delta when reported lacks it or holds a different value; reported-only values never
 * are. Nested objects are compared key by key and keep their path; arrays are values and compare whole.
 * Numbers compare by value, so {@code 1} and {@code 1.0} are equal.
 */
public final class ShadowDeltaCalculator {

    private ShadowDeltaCalculator() {
    }

    public static ImmutableJsonObject delta(ImmutableJsonObject desired, ImmutableJsonObject reported) {
        return ImmutableJsonObject.adopt(delta(desired.node(), reported.node()));
    }

    /** The desired metadata of exactly the values in {@code delta}, which AWS sends with the delta. */
    public static ImmutableJsonObject metadataOf(ImmutableJsonObject delta, ImmutableJsonObject desiredMetadata) {
        return ImmutableJsonObject.adopt(metadataOf(delta.node(), desiredMetadata.node()));
    }

    private static ObjectNode delta(ObjectNode desired, ObjectNode reported) {
        ObjectNode delta = JsonTrees.newObject();
        for (Map.Entry<String, JsonNode> field : desired.properties()) {
            String key = field.getKey();
            JsonNode want = field.getValue();
            JsonNode have = reported.get(key);
            if (have == null) {
                delta.set(key, want.deepCopy());
            } else if (want.isObject() && have.isObject()) {
                ObjectNode inner = delta((ObjectNode) want, (ObjectNode) have);
                if (!inner.isEmpty()) {
                    delta.set(key, inner);
                }
            } else if (!JsonTrees.sameValue(want, have)) {
                delta.set(key, want.deepCopy());
            }
        }
        return delta;
    }

    private static ObjectNode metadataOf(ObjectNode delta, ObjectNode desiredMetadata) {
        ObjectNode metadata = JsonTrees.newObject();
        for (Map.Entry<String, JsonNode> field : delta.properties()) {
            JsonNode leafOrBranch = desiredMetadata.get(field.getKey());
            if (leafOrBranch == null) {
                continue;
            }
            // A delta object is a desired object, so its metadata is a branch with the same keys.
            if (field.getValue().isObject() && leafOrBranch.isObject()) {
                metadata.set(field.getKey(), metadataOf((ObjectNode) field.getValue(), (ObjectNode) leafOrBranch));
            } else {
                metadata.set(field.getKey(), leafOrBranch.deepCopy());
            }
        }
        return metadata;
    }
}
