package io.fleet.cloud.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The payload of a device's jobs request, checked with AWS IoT Jobs' limits. Absent fields are null; fields a
 * request does not use (the V1 SDK client also sends {@code thingName} and {@code jobId}) are ignored.
 *
 * @param statusDetails null when absent (an update then keeps the stored ones)
 */
record DeviceJobRequest(String clientToken, String status, Map<String, String> statusDetails, Long expectedVersion,
                        Long executionNumber, Long stepTimeoutInMinutes, Boolean includeJobDocument,
                        Boolean includeJobExecutionState) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DETAIL_NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");
    private static final Pattern DETAIL_VALUE = Pattern.compile("[^\\p{C}]{1,1024}");
    private static final int MAX_CLIENT_TOKEN = 64;
    private static final int MAX_DETAILS = 10;

    /** An empty payload is an empty request, as AWS takes it. */
    static DeviceJobRequest parse(byte[] payload) {
        JsonNode root;
        try {
            root = payload.length == 0 ? JSON.createObjectNode() : JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new DeviceJobException("InvalidJson", "Request is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")",
                    null);
        } catch (IOException e) {
            throw new DeviceJobException("InvalidJson", "Request is not valid UTF-8 JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw new DeviceJobException("InvalidJson", "Request must be a JSON object: "
                    + new String(payload, StandardCharsets.UTF_8), null);
        }
        return new DeviceJobRequest(clientToken(root), text(root, "status"), statusDetails(root),
                integer(root, "expectedVersion", 0, Long.MAX_VALUE), integer(root, "executionNumber", 1,
                Long.MAX_VALUE), integer(root, "stepTimeoutInMinutes", 1, JobSpec.MAX_TIMEOUT_MINUTES),
                bool(root, "includeJobDocument"), bool(root, "includeJobExecutionState"));
    }

    /** The client token of a request that may be refused before it is read whole, for the answer to echo. */
    static String clientTokenOf(byte[] payload) {
        try {
            JsonNode token = JSON.readTree(payload).path("clientToken");
            return token.isTextual() ? token.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String clientToken(JsonNode root) {
        String token = text(root, "clientToken");
        if (token != null && (token.isEmpty() || token.length() > MAX_CLIENT_TOKEN)) {
            throw DeviceJobException.invalidRequest("clientToken must be 1 to " + MAX_CLIENT_TOKEN + " characters");
        }
        return token;
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw DeviceJobException.invalidRequest(field + " must be a string, not " + value);
        }
        return value.asText();
    }

    private static Long integer(JsonNode root, String field, long min, long max) {
        JsonNode value = root.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.longValue() < min
                || value.longValue() > max) {
            throw DeviceJobException.invalidRequest(field + " must be an integer from " + min + " to " + max
                    + ", not " + value);
        }
        return value.longValue();
    }

    private static Boolean bool(JsonNode root, String field) {
        JsonNode value = root.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw DeviceJobException.invalidRequest(field + " must be true or false, not " + value);
        }
        return value.asBoolean();
    }

    private static Map<String, String> statusDetails(JsonNode root) {
        JsonNode details = root.path("statusDetails");
        if (details.isMissingNode() || details.isNull()) {
            return null;
        }
        if (!details.isObject() || details.size() > MAX_DETAILS) {
            throw DeviceJobException.invalidRequest("statusDetails must be an object of at most " + MAX_DETAILS
                    + " names with string values");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) details::fields) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (!DETAIL_NAME.matcher(name).matches()) {
                throw DeviceJobException.invalidRequest("statusDetails: name '" + name + "' must be 1 to 128 "
                        + "characters of [a-zA-Z0-9:_-]");
            }
            if (!value.isTextual() || !DETAIL_VALUE.matcher(value.asText()).matches()) {
                throw DeviceJobException.invalidRequest("statusDetails." + name + " must be a string of 1 to 1024 "
                        + "characters without control characters, not " + value);
            }
            map.put(name, value.asText());
        }
        return map;
    }
}
