package io.fleet.cloud.controlplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import java.io.IOException;

/**
 * Request bodies and query parameters of the AWS IoT control plane, read as AWS reads them: anything of the wrong
 * JSON type is an InvalidRequestException naming the field.
 */
public final class RequestFields {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestFields() {
    }

    /** The request body as a JSON object; an empty body is an empty object (the CLI sends none without options). */
    public static JsonNode object(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ControlPlaneException.invalid("request body is not valid JSON: " + e.getOriginalMessage()
                    + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw ControlPlaneException.invalid("request body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ControlPlaneException.invalid("request body must be a JSON object");
        }
        return node;
    }

    /** The string field, or null when absent or JSON null. */
    public static String text(JsonNode parent, String field) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ControlPlaneException.invalid(field + " must be a string, not " + value.getNodeType());
        }
        return value.asText();
    }

    /** A query parameter that is absent (null) or a whole number. */
    public static Long longParameter(MultiMap query, String name) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ControlPlaneException.invalid(name + " '" + value + "' must be an integer");
        }
    }

    /** A query parameter that is absent (false), true or false. */
    public static boolean booleanParameter(MultiMap query, String name) {
        String value = query.get(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ControlPlaneException.invalid(name + " '" + value + "' must be true or false");
    }

    /** {@code answer} with the page's {@code nextToken}, when another page follows. */
    public static ObjectNode withNextToken(ObjectNode answer, Page<?> page) {
        return page.nextToken() == null ? answer : answer.put("nextToken", page.nextToken());
    }

    /** maxResults as a query parameter: absent is {@code defaultValue}, otherwise 1 to {@code max}. */
    public static int maxResults(String parameter, int max, int defaultValue) {
        if (parameter == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(parameter);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below like any other out-of-range value
        }
        throw ControlPlaneException.invalid("maxResults '" + parameter + "' must be an integer from 1 to " + max);
    }
}
