package io.fleet.cloud.registry;

import io.fleet.cloud.controlplane.ControlPlaneException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The registry's input checks, with AWS IoT's patterns and limits (from the service model): each failure is an
 * {@link ControlPlaneException#invalid InvalidRequestException} naming the field, the value and the rule it breaks.
 */
final class RegistryNames {

    /** Thing, thing group and thing type names. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9:_-]+");
    private static final int NAME_MAX = 128;
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-zA-Z0-9_.,@/:#-]+");
    private static final int ATTRIBUTE_NAME_MAX = 128;
    private static final Pattern ATTRIBUTE_VALUE = Pattern.compile("[a-zA-Z0-9_.,@/:#=\\[\\]-]*");
    private static final int ATTRIBUTE_VALUE_MAX = 800;
    /** AWS's limit for the attributes of one thing. */
    static final int MAX_ATTRIBUTES = 50;
    static final int MAX_RESULTS = 250;
    static final int DEFAULT_MAX_RESULTS = 50;

    private RegistryNames() {
    }

    /** {@code field} is how the request calls it (thingName, parentGroupName, ...). */
    static String name(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw ControlPlaneException.invalid(field + " is required and must not be empty");
        }
        if (value.length() > NAME_MAX) {
            throw ControlPlaneException.invalid(field + " '" + shortened(value) + "' is longer than " + NAME_MAX
                    + " characters");
        }
        if (!NAME.matcher(value).matches()) {
            throw ControlPlaneException.invalid(field + " '" + shortened(value) + "' must match [a-zA-Z0-9:_-]+");
        }
        return value;
    }

    static void attributes(String field, Map<String, String> attributes) {
        attributes.forEach((name, value) -> {
            if (name.isEmpty() || name.length() > ATTRIBUTE_NAME_MAX || !ATTRIBUTE_NAME.matcher(name).matches()) {
                throw ControlPlaneException.invalid(field + ": attribute name '" + shortened(name) + "' must be 1 to "
                        + ATTRIBUTE_NAME_MAX + " characters of [a-zA-Z0-9_.,@/:#-]");
            }
            attributeValue(field + "." + name, value);
        });
    }

    static void attributeValue(String field, String value) {
        if (value.length() > ATTRIBUTE_VALUE_MAX || !ATTRIBUTE_VALUE.matcher(value).matches()) {
            throw ControlPlaneException.invalid(field + ": value '" + shortened(value) + "' must be at most "
                    + ATTRIBUTE_VALUE_MAX + " characters of [a-zA-Z0-9_.,@/:#=[]-]");
        }
    }

    static void attributeCount(String thing, int count) {
        if (count > MAX_ATTRIBUTES) {
            throw ControlPlaneException.invalid("attributePayload.attributes: thing " + thing + " would have " + count
                    + " attributes, at most " + MAX_ATTRIBUTES + " are allowed");
        }
    }

    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
