package io.fleet.cloud.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The drive logs an SQS message of S3 Event Notifications announces: records {@code ObjectCreated:*} of the
 * drive-log bucket under {@code raw/<vehicle>/}. Other events, other buckets and other keys are none of the
 * ingest's business and are left out; S3's {@code s3:TestEvent} (sent when the notification is set up) announces
 * nothing. A message that SNS delivered (a {@code Notification} wrapping the event) is unwrapped.
 */
final class S3EventMessage {

    private S3EventMessage() {
    }

    /**
     * @throws IllegalArgumentException naming the field and why, when the body is not an S3 event notification
     */
    static List<DriveLogCatalog.ListedObject> createdDriveLogs(String body, String bucket) {
        JsonNode event = json(body, "the message body");
        if (event.path("Type").asText().equals("Notification") && event.path("Message").isTextual()) {
            event = json(event.path("Message").asText(), "the SNS notification's Message");
        }
        if (event.path("Event").asText().equals("s3:TestEvent")) {
            return List.of();
        }
        JsonNode records = event.path("Records");
        if (!records.isArray()) {
            throw new IllegalArgumentException("no Records array: not an S3 event notification");
        }
        List<DriveLogCatalog.ListedObject> created = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            if (!record.path("eventName").asText().startsWith("ObjectCreated:")
                    || !record.path("s3").path("bucket").path("name").asText().equals(bucket)) {
                continue;
            }
            JsonNode object = record.path("s3").path("object");
            String field = "Records[" + i + "].s3.object.";
            String key = URLDecoder.decode(text(object, "key", field), StandardCharsets.UTF_8);
            String etag = text(object, "eTag", field);
            if (!object.path("size").canConvertToLong()) {
                throw new IllegalArgumentException(field + "size missing or not a number");
            }
            long size = object.path("size").asLong();
            // listings quote ETags, event notifications do not: one spelling, so both triggers see one version
            String quoted = etag.startsWith("\"") ? etag : "\"" + etag + "\"";
            RawObjectKey.parse(key).ifPresent(raw -> created.add(new DriveLogCatalog.ListedObject(raw, quoted, size)));
        }
        return created;
    }

    private static String text(JsonNode object, String name, String field) {
        JsonNode value = object.path(name);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(field + name + " missing or not a string");
        }
        return value.asText();
    }

    private static JsonNode json(String text, String what) {
        try {
            return DriveLogCatalog.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }
}
