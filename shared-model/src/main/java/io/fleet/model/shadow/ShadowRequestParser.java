package io.fleet.model.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.model.Checks;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns the raw payload of a shadow request (MQTT message or HTTP body) into a typed request, or into the error
 * AWS would answer with (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-error-messages.html).
 * Unknown top-level fields are ignored, as AWS ignores the {@code thingName} the AWS SDK adds. The client token
 * is read first so that every later rejection can echo it. Stateless and thread-safe.
 */
public final class ShadowRequestParser {

    private static final String DESIRED = "desired";
    private static final String REPORTED = "reported";

    /** Parses an {@code /update} request. */
    public ShadowResult<UpdateRequest> parseUpdate(byte[] payload, long nowEpochSeconds) {
        Checks.notNull(payload, "payload");
        long now = Checks.nonNegative(nowEpochSeconds, "now");
        if (payload.length > ShadowLimits.MAX_PAYLOAD_BYTES) {
            return reject(ShadowErrorType.PAYLOAD_TOO_LARGE, now, Optional.empty());
        }
        Optional<String> text = decodeUtf8(payload);
        if (text.isEmpty()) {
            return reject(ShadowErrorType.UNSUPPORTED_ENCODING, now, Optional.empty());
        }
        Optional<JsonNode> root = readJson(text.get());
        if (root.isEmpty()) {
            return reject(ShadowErrorType.INVALID_JSON, now, Optional.empty());
        }
        if (!root.get().isObject()) {
            return reject(ShadowErrorType.MISSING_STATE, now, Optional.empty());
        }
        ObjectNode request = (ObjectNode) root.get();

        JsonNode tokenNode = request.get("clientToken");
        if (present(tokenNode) && !isValidToken(tokenNode)) {
            return reject(ShadowErrorType.INVALID_CLIENT_TOKEN, now, Optional.empty());
        }
        Optional<ClientToken> token = present(tokenNode) ? Optional.of(new ClientToken(tokenNode.textValue()))
                : Optional.empty();

        JsonNode versionNode = request.get("version");
        if (present(versionNode) && !isValidVersion(versionNode)) {
            return reject(ShadowErrorType.INVALID_VERSION, now, token);
        }
        OptionalLong version = present(versionNode) ? OptionalLong.of(versionNode.longValue()) : OptionalLong.empty();

        JsonNode state = request.get("state");
        if (state == null) {
            return reject(ShadowErrorType.MISSING_STATE, now, token);
        }
        if (!state.isObject()) {
            return reject(ShadowErrorType.STATE_NOT_OBJECT, now, token);
        }
        for (Map.Entry<String, JsonNode> section : state.properties()) {
            if (!section.getKey().equals(DESIRED) && !section.getKey().equals(REPORTED)) {
                return ShadowResult.rejected(ShadowError.invalidNode(section.getKey(), now, token));
            }
        }
        JsonNode desired = state.get(DESIRED);
        if (desired != null && !desired.isNull() && !desired.isObject()) {
            return reject(ShadowErrorType.DESIRED_NOT_OBJECT, now, token);
        }
        JsonNode reported = state.get(REPORTED);
        if (reported != null && !reported.isNull() && !reported.isObject()) {
            return reject(ShadowErrorType.REPORTED_NOT_OBJECT, now, token);
        }

        UpdateRequest update = new UpdateRequest(patchOf(desired), patchOf(reported), token, version);
        return ShadowLimits.checkRequest(update, now)
                .<ShadowResult<UpdateRequest>>map(ShadowResult::rejected)
                .orElseGet(() -> ShadowResult.accepted(update));
    }

    /**
     * Parses a {@code /get} or {@code /delete} request. AWS ignores their content, so an empty, non-UTF-8 or
     * malformed payload is an empty request; only a client token that is present but invalid is rejected,
     * because it could not be echoed.
     */
    public ShadowResult<GetOrDeleteRequest> parseGetOrDelete(byte[] payload, long nowEpochSeconds) {
        Checks.notNull(payload, "payload");
        long now = Checks.nonNegative(nowEpochSeconds, "now");
        if (payload.length > ShadowLimits.MAX_PAYLOAD_BYTES) {
            return reject(ShadowErrorType.PAYLOAD_TOO_LARGE, now, Optional.empty());
        }
        Optional<JsonNode> root = decodeUtf8(payload).flatMap(ShadowRequestParser::readJson);
        if (root.isEmpty() || !root.get().isObject()) {
            return ShadowResult.accepted(GetOrDeleteRequest.EMPTY);
        }
        JsonNode tokenNode = root.get().get("clientToken");
        if (present(tokenNode) && !isValidToken(tokenNode)) {
            return reject(ShadowErrorType.INVALID_CLIENT_TOKEN, now, Optional.empty());
        }
        Optional<ClientToken> token = present(tokenNode) ? Optional.of(new ClientToken(tokenNode.textValue()))
                : Optional.empty();
        JsonNode versionNode = root.get().get("version");
        if (present(versionNode) && !isValidVersion(versionNode)) {
            return reject(ShadowErrorType.INVALID_VERSION, now, token);
        }
        OptionalLong version = present(versionNode) ? OptionalLong.of(versionNode.longValue()) : OptionalLong.empty();
        return ShadowResult.accepted(new GetOrDeleteRequest(token, version));
    }

    private static SectionPatch patchOf(JsonNode section) {
        if (section == null) {
            return SectionPatch.ABSENT;
        }
        if (section.isNull()) {
            return SectionPatch.REMOVE;
        }
        return SectionPatch.merge(ImmutableJsonObject.adopt((ObjectNode) section));
    }

    /** Strict decoding: Java's String constructor would silently replace malformed bytes. */
    private static Optional<String> decodeUtf8(byte[] payload) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> readJson(String text) {
        try {
            JsonNode root = JsonTrees.MAPPER.readTree(text);
            return root == null || root.isMissingNode() ? Optional.empty() : Optional.of(root);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** JSON {@code null} counts as not sent: SDKs write unset optional fields as null or leave them out. */
    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static boolean isValidToken(JsonNode node) {
        return node.isTextual() && ClientToken.fits(node.textValue());
    }

    private static boolean isValidVersion(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0;
    }

    private static <T> ShadowResult<T> reject(ShadowErrorType type, long now, Optional<ClientToken> token) {
        return ShadowResult.rejected(ShadowError.of(type, now, token));
    }
}
