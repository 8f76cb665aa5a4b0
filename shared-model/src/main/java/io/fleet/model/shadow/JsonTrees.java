package io.fleet.model.shadow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.Map;

/** Jackson plumbing shared by the shadow classes: one configured mapper and the tree measurements AWS limits. */
final class JsonTrees {

    /**
     * Duplicate keys and trailing garbage are malformed JSON for the shadow service, not last-one-wins; numbers are
     * kept exactly ({@link ExactJson}).
     */
    static final ObjectMapper MAPPER = ExactJson.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** 1 and 1.0 are the same value to a device; Jackson's node equality would report a difference. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonTrees() {
    }

    static ObjectNode newObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode newArray(int expectedSize) {
        return JsonNodeFactory.instance.arrayNode(expectedSize);
    }

    static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    /** A hash consistent with {@link #sameValue}: numbers hash by value, objects ignore key order as equals does. */
    static int valueHash(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().hashCode();
        }
        if (node.isObject()) {
            int hash = 1;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                hash += field.getKey().hashCode() ^ valueHash(field.getValue());
            }
            return hash;
        }
        if (node.isArray()) {
            int hash = 2;
            for (JsonNode element : node) {
                hash = 31 * hash + valueHash(element);
            }
            return hash;
        }
        return node.hashCode();
    }

    static byte[] compactBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a JSON tree must always serialize", e);
        }
    }

    /**
     * Levels of nesting below {@code node}, counted as AWS's quota describes: each key of an object is one level
     * deeper than its object, so {@code {"a":1}} has 1 level and {@code {"a":{"b":1}}} has 2. AWS does not say
     * how arrays count; we treat an array like the value it is (no level of its own) and count objects inside it.
     */
    static int levels(JsonNode node) {
        int deepest = 0;
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                deepest = Math.max(deepest, 1 + levels(field.getValue()));
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                deepest = Math.max(deepest, levels(element));
            }
        }
        return deepest;
    }

    /** The first key whose value is, or holds, an array with a null element; AWS rejects those arrays. */
    static String keyOfArrayWithNull(JsonNode node, String key) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (element.isNull()) {
                    return key;
                }
                String inner = keyOfArrayWithNull(element, key);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String inner = keyOfArrayWithNull(field.getValue(), field.getKey());
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }
}
