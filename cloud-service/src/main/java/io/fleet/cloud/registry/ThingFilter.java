package io.fleet.cloud.registry;

import io.fleet.cloud.controlplane.ControlPlaneException;
import java.util.Map;

/**
 * What ListThings keeps: things having attribute {@code attributeName} (when set) whose value equals
 * {@code attributeValue} or, with {@code prefix}, starts with it (when set), and of type {@code typeName} (when
 * set). Null fields do not filter.
 */
public record ThingFilter(String attributeName, String attributeValue, boolean prefix, String typeName) {

    public static final ThingFilter ALL = new ThingFilter(null, null, false, null);

    public ThingFilter {
        if (attributeValue != null && attributeName == null) {
            throw ControlPlaneException.invalid("attributeValue needs attributeName: which attribute should have it?");
        }
        if (attributeName != null) {
            RegistryNames.attributes("attributeName", Map.of(attributeName,
                    attributeValue == null ? "" : attributeValue));
        }
        if (typeName != null) {
            RegistryNames.name("thingTypeName", typeName);
        }
    }
}
