package io.fleet.cloud.broker;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may publish and subscribe where: the rules of the AWS IoT policy in {@code certs/README.md}, as pure code.
 *
 * <p>A service (its certificate CN is in {@code serviceCommonNames}) may use every topic and filter, shared
 * subscriptions included. A device (any other CN, which must be a valid AWS IoT thing name) may use only topics
 * and filters below {@code $aws/things/<its name>/} and {@code vehicles/<its name>/}: the first levels must be
 * literally these, so {@code #}, {@code $aws/things/+/...} or another thing's prefix never pass, while wildcards
 * further down ({@code $aws/things/<me>/shadow/#}) do. Devices may not make shared subscriptions
 * ({@code $share/...}), as the AWS policy grants no {@code topicfilter/$share/*} resource to them.
 *
 * <p>Below {@code $aws/} a device publishes requests only, as AWS IoT's policy for a thing allows
 * ({@code iot:Publish} on {@code .../shadow/get}, {@code /update}, {@code /delete} and the jobs request topics): a
 * topic whose last level is one the services answer on ({@code accepted}, {@code rejected}, {@code delta}, {@code
 * documents}, and the jobs service's {@code notify}, {@code notify-next}) is refused, so a device cannot forge the
 * service's answers. Nobody, services included, publishes a retained message on a {@code $aws/} topic: the policy
 * grants {@code iot:RetainPublish} on no reserved topic, and a retained answer would be handed to every later
 * subscriber of that topic.
 *
 * <p>Immutable and thread-safe; HiveMQ calls it from its extension threads.
 */
public final class TopicPolicy {

    /** Default service certificate CN, made by {@code certs/dev-ca.sh}. */
    public static final String DEFAULT_SERVICE_CN = "fleet-service";

    private static final Pattern THING_NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");
    private static final String SHARED_PREFIX = "$share/";
    private static final String RESERVED_PREFIX = "$aws/";
    /** Last levels of the topics AWS IoT's services publish on; a rule on the level keeps jobs topics covered. */
    private static final Set<String> ANSWER_LEVELS =
            Set.of("accepted", "rejected", "delta", "documents", "notify", "notify-next");

    private final Set<String> serviceCommonNames;

    public TopicPolicy(Set<String> serviceCommonNames) {
        this.serviceCommonNames = Set.copyOf(Objects.requireNonNull(serviceCommonNames, "serviceCommonNames"));
    }

    /** A policy with the one default service, {@value #DEFAULT_SERVICE_CN}. */
    public static TopicPolicy withDefaultService() {
        return new TopicPolicy(Set.of(DEFAULT_SERVICE_CN));
    }

    /** True for AWS IoT's thing-name alphabet; it also keeps '/', '+', '#' out of a device's topic prefix. */
    public static boolean isValidThingName(String name) {
        return name != null && THING_NAME.matcher(name).matches();
    }

    public boolean isService(String commonName) {
        return serviceCommonNames.contains(commonName);
    }

    /** Whether a client may connect with this certificate CN: a service, or a device with a valid thing name. */
    public boolean mayConnect(String commonName) {
        return isService(commonName) || isValidThingName(commonName);
    }

    /** Whether the client whose certificate CN is {@code commonName} may publish to {@code topic}. */
    public boolean mayPublish(String commonName, String topic, boolean retain) {
        return publishRefusal(commonName, topic, retain).isEmpty();
    }

    /** Why the client whose certificate CN is {@code commonName} may not publish to {@code topic}; empty if it may. */
    public Optional<String> publishRefusal(String commonName, String topic, boolean retain) {
        boolean reserved = topic.startsWith(RESERVED_PREFIX);
        if (retain && reserved) {
            return Optional.of("retained messages are not allowed on reserved topics ($aws/...)");
        }
        if (isService(commonName)) {
            return Optional.empty();
        }
        if (!isValidThingName(commonName) || hasWildcard(topic) || !isBelowOwnPrefix(commonName, topic)) {
            return Optional.of("a device may publish only below $aws/things/<its name>/ and vehicles/<its name>/");
        }
        if (reserved && ANSWER_LEVELS.contains(topic.substring(topic.lastIndexOf('/') + 1))) {
            return Optional.of("a device may not publish on the service's answer topics (accepted, rejected, delta, "
                    + "documents, notify)");
        }
        return Optional.empty();
    }

    /** Whether the client whose certificate CN is {@code commonName} may subscribe to {@code topicFilter}. */
    public boolean maySubscribe(String commonName, String topicFilter) {
        if (isService(commonName)) {
            return true;
        }
        return isValidThingName(commonName)
                && !topicFilter.startsWith(SHARED_PREFIX)
                && isBelowOwnPrefix(commonName, topicFilter);
    }

    public Set<String> serviceCommonNames() {
        return serviceCommonNames;
    }

    private static boolean isBelowOwnPrefix(String thing, String topicOrFilter) {
        String[] levels = topicOrFilter.split("/", -1);
        boolean shadowsAndJobs = levels.length >= 4
                && levels[0].equals("$aws") && levels[1].equals("things") && levels[2].equals(thing);
        boolean vehicleTopics = levels.length >= 3 && levels[0].equals("vehicles") && levels[1].equals(thing);
        return shadowsAndJobs || vehicleTopics;
    }

    private static boolean hasWildcard(String topic) {
        return topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0;
    }
}
