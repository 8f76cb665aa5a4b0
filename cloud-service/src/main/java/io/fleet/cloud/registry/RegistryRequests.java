package io.fleet.cloud.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.controlplane.ControlPlaneException;
import io.fleet.cloud.controlplane.Page;
import io.fleet.cloud.controlplane.RequestFields;
import io.vertx.core.MultiMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the registry's request JSON and query parameters and writes its answers, in the shapes of AWS IoT's service
 * model. Anything of the wrong JSON type is an InvalidRequestException naming the field.
 */
final class RegistryRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code payload.attributes} as a map of strings; empty when the payload or its attributes are absent. */
    Map<String, String> attributes(JsonNode payload, String field) {
        Map<String, String> attributes = attributesOrNull(payload, field);
        return attributes == null ? Map.of() : attributes;
    }

    ThingUpdate thingUpdate(JsonNode request) {
        JsonNode payload = request.path("attributePayload");
        Long expectedVersion = null;
        JsonNode version = request.path("expectedVersion");
        if (!version.isMissingNode() && !version.isNull()) {
            if (!version.canConvertToExactIntegral() || !version.canConvertToLong()) {
                throw ControlPlaneException.invalid("expectedVersion must be an integer, not " + version);
            }
            expectedVersion = version.longValue();
        }
        return new ThingUpdate(RequestFields.text(request, "thingTypeName"), flag(request, "removeThingType"),
                attributesOrNull(payload, "attributePayload"), flag(payload, "merge"), expectedVersion);
    }

    ThingFilter thingFilter(MultiMap query) {
        return new ThingFilter(query.get("attributeName"), query.get("attributeValue"),
                RequestFields.booleanParameter(query, "usePrefixAttributeValue"), query.get("thingTypeName"));
    }

    /** A resource named by its name field or its ARN field (AddThingToThingGroup takes either). */
    String nameOrArn(JsonNode request, String nameField, String arnField, Function<String, Optional<String>> parse) {
        String name = RequestFields.text(request, nameField);
        String arn = RequestFields.text(request, arnField);
        if (arn == null) {
            if (name == null) {
                throw ControlPlaneException.invalid(nameField + " or " + arnField + " is required");
            }
            return name;
        }
        String fromArn = parse.apply(arn).orElseThrow(() -> ControlPlaneException.invalid(arnField + " '" + arn
                + "' is not an ARN of this service's registry"));
        if (name != null && !name.equals(fromArn)) {
            throw ControlPlaneException.invalid(nameField + " " + name + " and " + arnField + " " + arn
                    + " name different resources");
        }
        return fromArn;
    }

    /** Tags are not kept by this registry: refusing them beats dropping them silently. */
    void refuseTags(JsonNode request) {
        JsonNode tags = request.path("tags");
        if (!tags.isMissingNode() && !tags.isNull() && !tags.isEmpty()) {
            throw ControlPlaneException.invalid("tags are not supported by this service's registry; create the thing "
                    + "group without them");
        }
    }

    /** A thing as ListThings lists it (DescribeThing adds thingId and defaultClientId). */
    ObjectNode thing(Thing thing, ResourceArns arns) {
        ObjectNode node = JSON.createObjectNode().put("thingName", thing.name()).put("thingArn",
                arns.thing(thing.name()));
        if (thing.typeName() != null) {
            node.put("thingTypeName", thing.typeName());
        }
        ObjectNode attributes = node.putObject("attributes");
        thing.attributes().forEach(attributes::put);
        return node.put("version", thing.version());
    }

    ObjectNode thingList(Page<Thing> page, ResourceArns arns) {
        ObjectNode answer = JSON.createObjectNode();
        var things = answer.putArray("things");
        page.items().forEach(thing -> things.add(thing(thing, arns)));
        return RequestFields.withNextToken(answer, page);
    }

    ObjectNode nameList(Page<String> page) {
        ObjectNode answer = JSON.createObjectNode();
        var things = answer.putArray("things");
        page.items().forEach(things::add);
        return RequestFields.withNextToken(answer, page);
    }

    private Map<String, String> attributesOrNull(JsonNode payload, String field) {
        if (payload.isMissingNode() || payload.isNull()) {
            return null;
        }
        if (!payload.isObject()) {
            throw ControlPlaneException.invalid(field + " must be an object");
        }
        JsonNode attributes = payload.path("attributes");
        if (attributes.isMissingNode() || attributes.isNull()) {
            return null;
        }
        if (!attributes.isObject()) {
            throw ControlPlaneException.invalid(field + ".attributes must be an object of strings");
        }
        Map<String, String> map = new HashMap<>();
        attributes.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw ControlPlaneException.invalid(field + ".attributes." + entry.getKey() + " must be a string, not "
                        + entry.getValue().getNodeType());
            }
            map.put(entry.getKey(), entry.getValue().asText());
        });
        return map;
    }

    private boolean flag(JsonNode parent, String field) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ControlPlaneException.invalid(field + " must be true or false, not " + value);
        }
        return value.booleanValue();
    }
}
