package io.fleet.model.shadow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The Device Shadow quotas AWS enforces, and the checks that apply them to requests and to the merged result
 * (https://docs.aws.amazon.com/general/latest/gr/iot-core.html#device-shadow-limits,
 * https://docs.aws.amazon.com/iot/latest/developerguide/diagnosing-shadows.html).
 */
public final class ShadowLimits {

    /** 8 KB for the classic shadow and for each named shadow. */
    public static final int MAX_STATE_BYTES = 8 * 1024;
    /** Levels of nesting allowed inside {@code desired} or {@code reported}. */
    public static final int MAX_LEVELS = 6;
    /** AWS IoT's MQTT payload limit; a larger request is refused before it is parsed. */
    public static final int MAX_PAYLOAD_BYTES = 128 * 1024;

    private ShadowLimits() {
    }

    /**
     * Rejects a request whose sections nest too deep, whose arrays hold {@code null}, or whose state document is
     * over 8 KB. AWS counts only the state as sent ({@code desired} and {@code reported}); metadata, version and
     * client token do not count. We measure the compact UTF-8 serialization, so whitespace does not count either.
     */
    static Optional<ShadowError> checkRequest(UpdateRequest request, long now) {
        Optional<ClientToken> token = request.clientToken();
        ObjectNode state = JsonTrees.newObject();
        Optional<ShadowError> invalid = checkSection("desired", request.desired(), state, now, token)
                .or(() -> checkSection("reported", request.reported(), state, now, token));
        return invalid.isPresent() ? invalid : tooLarge(state, now, token);
    }

    /** Checks one section and adds it, as sent, to {@code state} for the size check. */
    private static Optional<ShadowError> checkSection(String name, SectionPatch patch, ObjectNode state, long now,
                                                      Optional<ClientToken> token) {
        if (patch instanceof SectionPatch.Merge merge) {
            ObjectNode changes = merge.changes().node();
            if (JsonTrees.levels(changes) > MAX_LEVELS) {
                return Optional.of(ShadowError.of(ShadowErrorType.TOO_DEEP, now, token));
            }
            String badArray = JsonTrees.keyOfArrayWithNull(changes, name);
            if (badArray != null) {
                return Optional.of(ShadowError.invalidNode(badArray, now, token));
            }
            state.set(name, changes); // read-only use: the temporary tree is only serialized
        } else if (patch instanceof SectionPatch.Remove) {
            state.putNull(name);
        }
        return Optional.empty();
    }

    /** Rejects an update whose merged state would exceed 8 KB, although the request itself was small. */
    static Optional<ShadowError> checkMerged(ImmutableJsonObject desired, ImmutableJsonObject reported, long now,
                                             Optional<ClientToken> token) {
        ObjectNode state = JsonTrees.newObject();
        if (!desired.isEmpty()) {
            state.set("desired", desired.node());
        }
        if (!reported.isEmpty()) {
            state.set("reported", reported.node());
        }
        return tooLarge(state, now, token);
    }

    private static Optional<ShadowError> tooLarge(ObjectNode state, long now, Optional<ClientToken> token) {
        if (JsonTrees.compactBytes(state).length > MAX_STATE_BYTES) {
            return Optional.of(ShadowError.of(ShadowErrorType.PAYLOAD_TOO_LARGE, now, token));
        }
        return Optional.empty();
    }
}
