package io.fleet.cloud.registry;

import java.util.Optional;

/**
 * ARNs of registry resources in the shape AWS IoT gives them ({@code arn:aws:iot:<region>:<account>:thing/<name>}).
 * The service has no AWS account; it uses one fixed pair so ARNs are stable across restarts and instances.
 */
public record ResourceArns(String region, String account) {

    /** What the service answers with: a region name clients accept, and the account id AWS's docs use as a dummy. */
    public static final ResourceArns LOCAL = new ResourceArns("us-east-1", "000000000000");

    public String thing(String name) {
        return prefix() + "thing/" + name;
    }

    public String thingGroup(String name) {
        return prefix() + "thinggroup/" + name;
    }

    public String job(String id) {
        return prefix() + "job/" + id;
    }

    /** The thing name of one of our thing ARNs, or empty when {@code arn} is not one. */
    public Optional<String> thingName(String arn) {
        return nameAfter(arn, prefix() + "thing/");
    }

    public Optional<String> thingGroupName(String arn) {
        return nameAfter(arn, prefix() + "thinggroup/");
    }

    private String prefix() {
        return "arn:aws:iot:" + region + ":" + account + ":";
    }

    private static Optional<String> nameAfter(String arn, String prefix) {
        return arn.startsWith(prefix) && arn.length() > prefix.length()
                ? Optional.of(arn.substring(prefix.length())) : Optional.empty();
    }
}
