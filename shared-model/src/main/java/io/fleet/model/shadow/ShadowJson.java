package io.fleet.model.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.model.Checks;
import java.io.IOException;
import java.util.Optional;

/**
 * The one place that writes shadow documents as JSON, in the field order AWS prints them
 * (state, metadata, version, timestamp, clientToken; code, message, timestamp, clientToken), and that reads and
 * writes the stored form of a shadow. Every tree returned is a fresh copy the caller may keep or change.
 */
public final class ShadowJson {

    private ShadowJson() {
    }

    /** Compact UTF-8 JSON, ready to publish or to send as an HTTP body. */
    public static byte[] bytes(ShadowResponse response) {
        return JsonTrees.compactBytes(tree(response));
    }

    public static ObjectNode tree(ShadowResponse response) {
        Checks.notNull(response, "response");
        if (response instanceof UpdateAccepted accepted) {
            return updateAccepted(accepted);
        } else if (response instanceof DeltaDocument delta) {
            return delta(delta);
        } else if (response instanceof UpdateDocuments documents) {
            return documents(documents);
        } else if (response instanceof GetAccepted get) {
            return getAccepted(get);
        } else if (response instanceof DeleteAccepted deleted) {
            return trailer(JsonTrees.newObject(), deleted.version(), deleted.timestamp(), deleted.clientToken());
        } else {
            return error((ShadowError) response);
        }
    }

    /** The stored form: {@code {"state": {...}, "metadata": {...}, "version": n, "timestamp": s}}. */
    public static byte[] storedBytes(StoredShadow shadow) {
        ObjectNode stored = snapshot(Checks.notNull(shadow, "shadow"));
        stored.put("timestamp", shadow.timestamp());
        return JsonTrees.compactBytes(stored);
    }

    /** Reads what {@link #storedBytes} wrote; throws {@link IllegalArgumentException} on anything else. */
    public static StoredShadow readStored(byte[] json) {
        Checks.notNull(json, "json");
        JsonNode root;
        try {
            root = JsonTrees.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("stored shadow is not valid JSON", e);
        }
        Checks.check(root != null && root.isObject(), "stored shadow", "must be a JSON object", root);
        Checks.check(root.path("version").canConvertToLong() && root.path("timestamp").canConvertToLong(),
                "stored shadow", "must have numeric version and timestamp", root);
        return new StoredShadow(section(root, "state", "desired"), section(root, "state", "reported"),
                section(root, "metadata", "desired"), section(root, "metadata", "reported"),
                root.get("version").longValue(), root.get("timestamp").longValue());
    }

    private static ObjectNode updateAccepted(UpdateAccepted accepted) {
        ObjectNode document = JsonTrees.newObject();
        ObjectNode state = document.putObject("state");
        putPatch(state, "desired", accepted.desired());
        putPatch(state, "reported", accepted.reported());
        ObjectNode metadata = document.putObject("metadata");
        putUnlessAbsent(metadata, "desired", accepted.desired(), accepted.desiredMetadata());
        putUnlessAbsent(metadata, "reported", accepted.reported(), accepted.reportedMetadata());
        return trailer(document, accepted.version(), accepted.timestamp(), accepted.clientToken());
    }

    private static ObjectNode delta(DeltaDocument delta) {
        ObjectNode document = JsonTrees.newObject();
        document.set("state", delta.state().toObjectNode());
        document.set("metadata", delta.metadata().toObjectNode());
        return trailer(document, delta.version(), delta.timestamp(), delta.clientToken());
    }

    private static ObjectNode documents(UpdateDocuments documents) {
        ObjectNode document = JsonTrees.newObject();
        documents.previous().ifPresent(previous -> document.set("previous", snapshot(previous)));
        document.set("current", snapshot(documents.current()));
        document.put("timestamp", documents.timestamp());
        documents.clientToken().ifPresent(token -> document.put("clientToken", token.value()));
        return document;
    }

    private static ObjectNode getAccepted(GetAccepted get) {
        StoredShadow shadow = get.shadow();
        ObjectNode document = JsonTrees.newObject();
        ObjectNode state = document.putObject("state");
        putIfNotEmpty(state, "desired", shadow.desired());
        putIfNotEmpty(state, "reported", shadow.reported());
        putIfNotEmpty(state, "delta", get.delta());
        ObjectNode metadata = document.putObject("metadata");
        putIfNotEmpty(metadata, "desired", shadow.desiredMetadata());
        putIfNotEmpty(metadata, "reported", shadow.reportedMetadata());
        return trailer(document, shadow.version(), get.timestamp(), get.clientToken());
    }

    private static ObjectNode error(ShadowError error) {
        ObjectNode document = JsonTrees.newObject();
        document.put("code", error.code());
        document.put("message", error.message());
        document.put("timestamp", error.timestamp());
        error.clientToken().ifPresent(token -> document.put("clientToken", token.value()));
        return document;
    }

    /** {@code previous} and {@code current} of {@code /update/documents}: state, metadata and version. */
    private static ObjectNode snapshot(StoredShadow shadow) {
        ObjectNode document = JsonTrees.newObject();
        ObjectNode state = document.putObject("state");
        putIfNotEmpty(state, "desired", shadow.desired());
        putIfNotEmpty(state, "reported", shadow.reported());
        ObjectNode metadata = document.putObject("metadata");
        putIfNotEmpty(metadata, "desired", shadow.desiredMetadata());
        putIfNotEmpty(metadata, "reported", shadow.reportedMetadata());
        document.put("version", shadow.version());
        return document;
    }

    private static ObjectNode trailer(ObjectNode document, long version, long timestamp,
                                      Optional<ClientToken> clientToken) {
        document.put("version", version);
        document.put("timestamp", timestamp);
        clientToken.ifPresent(token -> document.put("clientToken", token.value()));
        return document;
    }

    private static void putPatch(ObjectNode state, String name, SectionPatch patch) {
        if (patch instanceof SectionPatch.Merge merge) {
            state.set(name, merge.changes().toObjectNode());
        } else if (patch instanceof SectionPatch.Remove) {
            state.putNull(name);
        }
    }

    private static void putUnlessAbsent(ObjectNode metadata, String name, SectionPatch patch,
                                        ImmutableJsonObject value) {
        if (!(patch instanceof SectionPatch.Absent)) {
            metadata.set(name, value.toObjectNode());
        }
    }

    private static void putIfNotEmpty(ObjectNode parent, String name, ImmutableJsonObject value) {
        if (!value.isEmpty()) {
            parent.set(name, value.toObjectNode());
        }
    }

    private static ImmutableJsonObject section(JsonNode root, String part, String name) {
        JsonNode node = root.path(part).path(name);
        return node.isObject() ? ImmutableJsonObject.copyOf((ObjectNode) node) : ImmutableJsonObject.empty();
    }
}
