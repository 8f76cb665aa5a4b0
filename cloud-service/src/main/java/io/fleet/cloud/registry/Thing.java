package io.fleet.cloud.registry;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A thing as the registry stores it. {@code typeName} is null for a thing without a type; {@code version} starts
 * at 1 and grows with every UpdateThing, as AWS IoT's does.
 */
public record Thing(String name, UUID id, String typeName, Map<String, String> attributes, long version) {

    public Thing {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }
}
