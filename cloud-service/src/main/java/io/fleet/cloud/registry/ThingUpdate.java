package io.fleet.cloud.registry;

import java.util.Map;

/**
 * An UpdateThing request. {@code attributes} null leaves them as they are; otherwise they replace the stored ones,
 * or with {@code merge} are merged into them. Either way an attribute given with an empty value is removed, as AWS
 * IoT documents. {@code expectedVersion} null updates whatever the version.
 */
public record ThingUpdate(String typeName, boolean removeThingType, Map<String, String> attributes, boolean merge,
                          Long expectedVersion) {

    public ThingUpdate {
        attributes = attributes == null ? null : Map.copyOf(attributes);
    }
}
