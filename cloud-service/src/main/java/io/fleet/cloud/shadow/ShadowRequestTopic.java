package io.fleet.cloud.shadow;

import java.util.Optional;

/**
 * A parsed shadow request topic: {@code $aws/things/<thing>/shadow/<op>} or
 * {@code $aws/things/<thing>/shadow/name/<shadow>/<op>}. Names are not validated here; the service does that and
 * answers with AWS's rejection.
 *
 * @param shadowName null for the classic shadow
 */
public record ShadowRequestTopic(String thingName, String shadowName, ShadowOperation operation) {

    public static Optional<ShadowRequestTopic> parse(String topic) {
        String[] parts = topic.split("/", -1);
        if (parts.length < 5 || !parts[0].equals("$aws") || !parts[1].equals("things") || !parts[3].equals("shadow")) {
            return Optional.empty();
        }
        if (parts.length == 5) {
            return operation(parts[4]).map(op -> new ShadowRequestTopic(parts[2], null, op));
        }
        if (parts.length == 7 && parts[4].equals("name")) {
            return operation(parts[6]).map(op -> new ShadowRequestTopic(parts[2], parts[5], op));
        }
        return Optional.empty();
    }

    /** The topic prefix the answers go to, exactly as the request named it. */
    public String prefix() {
        String classic = "$aws/things/" + thingName + "/shadow";
        return shadowName == null ? classic : classic + "/name/" + shadowName;
    }

    private static Optional<ShadowOperation> operation(String suffix) {
        return Optional.ofNullable(ShadowOperation.fromTopicSuffix(suffix));
    }
}
