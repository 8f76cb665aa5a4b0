package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.Optional;

/**
 * Which shadow: the classic shadow of a thing (no name) or one of its named shadows.
 *
 * @param thing the thing that owns the shadow
 * @param name  empty for the classic (unnamed) shadow
 */
public record ShadowId(ThingName thing, Optional<ShadowName> name) {

    public ShadowId {
        Checks.notNull(thing, "thing");
        Checks.notNull(name, "name");
    }

    public static ShadowId classic(ThingName thing) {
        return new ShadowId(thing, Optional.empty());
    }

    public static ShadowId named(ThingName thing, ShadowName name) {
        return new ShadowId(thing, Optional.of(Checks.notNull(name, "name")));
    }

    public boolean isClassic() {
        return name.isEmpty();
    }

    /** {@code $aws/things/<thing>/shadow} or {@code $aws/things/<thing>/shadow/name/<shadow>}. */
    public String topicPrefix() {
        String classic = "$aws/things/" + thing.value() + "/shadow";
        return name.map(n -> classic + "/name/" + n.value()).orElse(classic);
    }

    /** The full MQTT topic of one of this shadow's request or response topics. */
    public String topic(ShadowTopic topic) {
        return topicPrefix() + topic.suffix();
    }

    /**
     * The name AWS puts in its 404 message: the thing name for the classic shadow and
     * {@code <thing>~<shadow>} for a named shadow, which is what AWS IoT answers on {@code get/rejected}.
     */
    String nameInErrors() {
        return name.map(n -> thing.value() + "~" + n.value()).orElse(thing.value());
    }

    @Override
    public String toString() {
        return topicPrefix();
    }
}
