package io.fleet.cloud.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import java.io.IOException;
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

    /** The request body as a JSON object; an empty body is an empty object (the CLI sends none without options). */
    JsonNode object(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw RegistryException.invalid("request body is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw RegistryException.invalid("request body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw RegistryException.invalid("request body must be a JSON object");
        }
        return node;
    }

    /** The string field, or null when absent or JSON null. */
    String text(JsonNode parent, String field) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw RegistryException.invalid(field + " must be a string, not " + value.getNodeType());
        }
        return value.asText();
    }

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
                throw RegistryException.invalid("expectedVersion must be an integer, not " + version);
            }
            expectedVersion = version.longValue();
        }
        return new ThingUpdate(text(request, "thingTypeName"), flag(request, "removeThingType"),
                attributesOrNull(payload, "attributePayload"), flag(payload, "merge"), expectedVersion);
    }

    ThingFilter thingFilter(MultiMap query) {
        return new ThingFilter(query.get("attributeName"), query.get("attributeValue"),
                booleanParameter(query, "usePrefixAttributeValue"), query.get("thingTypeName"));
    }

    /** A query parameter that is absent (null) or a whole number. */
    Long longParameter(MultiMap query, String name) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw RegistryException.invalid(name + " '" + value + "' must be an integer");
        }
    }

    /** A query parameter that is absent (false), true or false. */
    boolean booleanParameter(MultiMap query, String name) {
        String value = query.get(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw RegistryException.invalid(name + " '" + value + "' must be true or false");
    }

    /** A resource named by its name field or its ARN field (AddThingToThingGroup takes either). */
    String nameOrArn(JsonNode request, String nameField, String arnField, Function<String, Optional<String>> parse) {
        String name = text(request, nameField);
        String arn = text(request, arnField);
        if (arn == null) {
            if (name == null) {
                throw RegistryException.invalid(nameField + " or " + arnField + " is required");
            }
            return name;
        }
        String fromArn = parse.apply(arn).orElseThrow(() -> RegistryException.invalid(arnField + " '" + arn
                + "' is not an ARN of this service's registry"));
        if (name != null && !name.equals(fromArn)) {
            throw RegistryException.invalid(nameField + " " + name + " and " + arnField + " " + arn
                    + " name different resources");
        }
        return fromArn;
    }

    /** Tags are not kept by this registry: refusing them beats dropping them silently. */
    void refuseTags(JsonNode request) {
        JsonNode tags = request.path("tags");
        if (!tags.isMissingNode() && !tags.isNull() && !tags.isEmpty()) {
            throw RegistryException.invalid("tags are not supported by this service's registry; create the thing "
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
        return withNextToken(answer, page);
    }

    ObjectNode nameList(Page<String> page) {
        ObjectNode answer = JSON.createObjectNode();
        var things = answer.putArray("things");
        page.items().forEach(things::add);
        return withNextToken(answer, page);
    }

    private static ObjectNode withNextToken(ObjectNode answer, Page<?> page) {
        return page.nextToken() == null ? answer : answer.put("nextToken", page.nextToken());
    }

    private Map<String, String> attributesOrNull(JsonNode payload, String field) {
        if (payload.isMissingNode() || payload.isNull()) {
            return null;
        }
        if (!payload.isObject()) {
            throw RegistryException.invalid(field + " must be an object");
        }
        JsonNode attributes = payload.path("attributes");
        if (attributes.isMissingNode() || attributes.isNull()) {
            return null;
        }
        if (!attributes.isObject()) {
            throw RegistryException.invalid(field + ".attributes must be an object of strings");
        }
        Map<String, String> map = new HashMap<>();
        attributes.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw RegistryException.invalid(field + ".attributes." + entry.getKey() + " must be a string, not "
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
            throw RegistryException.invalid(field + " must be true or false, not " + value);
        }
        return value.booleanValue();
    }
}
