package io.fleet.cloud.registry;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/** A static thing group; {@code parentName} and {@code description} are null when not given. */
public record ThingGroup(String name, UUID id, String parentName, String description, Map<String, String> attributes,
                         long version) {

    public ThingGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }
}
