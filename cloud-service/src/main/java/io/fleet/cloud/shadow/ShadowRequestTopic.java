package io.fleet.cloud.shadow;

import io.fleet.model.shadow.ShadowName;
import io.fleet.model.shadow.ShadowTopicName;
import io.fleet.model.shadow.ThingName;
import java.util.Optional;

/**
 * What the shadow service makes of a topic a client published to: a request it serves ({@link Request}), a request
 * it answers with 400 on {@code <topic>/rejected} ({@link Unservable}: an unknown operation such as
 * {@code $aws/things/t/shadow/frobnicate}, an invalid thing or shadow name), or nothing it answers (empty).
 *
 * <p>Only topics with exactly one level after {@code shadow/} or {@code shadow/name/<name>/} count as requests:
 * deeper topics are the service's own answers ({@code update/accepted}) or nothing AWS defines, and answering on
 * {@code <topic>/rejected} there would make the service answer its own answers. AWS IoT's documentation lists the
 * error documents it publishes on {@code /rejected} for the three operations but says nothing for other topics;
 * answering them like a bad request keeps MQTT in line with HTTP, which answers 400.
 */
public sealed interface ShadowRequestTopic {

    /** A request to serve. */
    record Request(ShadowTopicName name) implements ShadowRequestTopic {
    }

    /** A request that gets {@code {"code":400,"message":...}} on {@link #rejectedTopic()}. */
    record Unservable(String rejectedTopic, String message) implements ShadowRequestTopic {
    }

    static Optional<ShadowRequestTopic> classify(String topic) {
        Optional<ShadowTopicName> parsed = ShadowTopicName.parse(topic);
        if (parsed.isPresent()) {
            return parsed.get().topic().isRequest() ? Optional.of(new Request(parsed.get())) : Optional.empty();
        }
        String things = "$aws/things/";
        if (!topic.startsWith(things)) {
            return Optional.empty();
        }
        String[] levels = topic.substring(things.length()).split("/", -1);
        boolean classic = levels.length == 3;
        boolean named = levels.length == 5 && levels[2].equals("name");
        if (!(classic || named) || !levels[1].equals("shadow")) {
            return Optional.empty();
        }
        String problem;
        if (!ThingName.isValid(levels[0])) {
            problem = "Invalid thing name";
        } else if (named && !ShadowName.isValid(levels[3])) {
            problem = "Invalid shadow name";
        } else {
            problem = "Unsupported shadow operation: '" + levels[levels.length - 1] + "'; use get, update or delete";
        }
        return Optional.of(new Unservable(topic + "/rejected", problem));
    }
}
