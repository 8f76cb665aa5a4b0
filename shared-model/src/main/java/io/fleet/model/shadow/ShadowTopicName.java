package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.Optional;

/**
 * A complete shadow topic, e.g. {@code $aws/things/car-1/shadow/name/doors/update}: which shadow, which topic.
 * The cloud service parses the topics clients publish to with {@link #parse}.
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-mqtt.html)
 */
public record ShadowTopicName(ShadowId shadow, ShadowTopic topic) {

    private static final String THINGS = "$aws/things/";
    private static final String SHADOW = "/shadow";
    private static final String NAMED = "/name/";

    public ShadowTopicName {
        Checks.notNull(shadow, "shadow");
        Checks.notNull(topic, "topic");
    }

    /** The shadow and topic a topic name refers to; empty when it is not a valid shadow topic. */
    public static Optional<ShadowTopicName> parse(String topicName) {
        if (topicName == null || !topicName.startsWith(THINGS)) {
            return Optional.empty();
        }
        int shadowAt = topicName.indexOf(SHADOW, THINGS.length());
        if (shadowAt < 0) {
            return Optional.empty();
        }
        String thing = topicName.substring(THINGS.length(), shadowAt);
        String rest = topicName.substring(shadowAt + SHADOW.length());
        String shadowName = null;
        if (rest.startsWith(NAMED)) {
            int end = rest.indexOf('/', NAMED.length());
            if (end < 0) {
                return Optional.empty();
            }
            shadowName = rest.substring(NAMED.length(), end);
            rest = rest.substring(end);
        }
        Optional<ShadowTopic> topic = topicOf(rest);
        if (topic.isEmpty() || !ThingName.isValid(thing)
                || (shadowName != null && !ShadowName.isValid(shadowName))) {
            return Optional.empty();
        }
        ThingName thingName = ThingName.of(thing);
        ShadowId id = shadowName == null ? ShadowId.classic(thingName)
                : ShadowId.named(thingName, ShadowName.of(shadowName));
        return Optional.of(new ShadowTopicName(id, topic.get()));
    }

    @Override
    public String toString() {
        return shadow.topic(topic);
    }

    private static Optional<ShadowTopic> topicOf(String suffix) {
        for (ShadowTopic candidate : ShadowTopic.values()) {
            if (candidate.suffix().equals(suffix)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
