package io.fleet.rig.capture;

import io.fleet.rig.replay.IdRange;
import java.util.Locale;

/** A stimulus/response pair of CAN ids, e.g. {@code 0x7E0->0x7E8} (a diagnostic request and its answer). */
public record MatchRule(int requestId, int responseId) {

    public static MatchRule parse(String text) {
        int arrow = text.indexOf("->");
        if (arrow <= 0) {
            throw new IllegalArgumentException("--match '" + text + "' must look like REQUEST_ID->RESPONSE_ID");
        }
        return new MatchRule(IdRange.parseId(text.substring(0, arrow)), IdRange.parseId(text.substring(arrow + 2)));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "0x%X->0x%X", requestId, responseId);
    }
}
