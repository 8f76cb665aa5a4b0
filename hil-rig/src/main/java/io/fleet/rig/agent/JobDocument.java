package io.fleet.rig.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.rig.output.OutputSpec;
import io.fleet.rig.verdict.Criterion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The replay job a rig takes from AWS IoT Jobs, validated before anything runs (schema in hil-rig/README.md):
 * {@code {"driveLog":"s3://bucket/key","sha256":"<64 hex>","outputs":{"A":"udp://host:port"},
 * "expect":"lateness.p99<=100us","speed":1.0,"capabilities":["can"]}}. Only driveLog and outputs are required.
 *
 * @param driveLog     the drive log, an s3://bucket/key URI
 * @param sha256       the drive log's expected SHA-256 in lower-case hex, or null when not given
 * @param outputs      output name to output URI, as {@code --out NAME=URI} of {@code replay}
 * @param expect       the pass criteria as {@code --expect} of {@code replay}, or null
 * @param speed        the replay speed factor
 * @param capabilities what the rig must have to run the job, e.g. can, canfd
 */
public record JobDocument(String driveLog, String sha256, Map<String, String> outputs, String expect, double speed,
                          Set<String> capabilities) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+");
    private static final Set<String> OUTPUT_SCHEMES = Set.of("cannelloni", "udp", "socketcan", "loopback");
    private static final Set<String> FIELDS = Set.of("driveLog", "sha256", "outputs", "expect", "speed",
            "capabilities");

    /** A document that does not follow the schema; the message names the field and why. */
    public static final class InvalidJobDocument extends Exception {
        private final String field;

        InvalidJobDocument(String field, String reason) {
            super(field + ": " + reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The bucket of the drive log, where the results go too ({@code results/<jobId>/}). */
    public String bucket() {
        return driveLog.substring("s3://".length(), driveLog.indexOf('/', "s3://".length()));
    }

    /** The document as the Jobs protocol delivers it (a JSON object), validated field by field. */
    public static JobDocument parse(Map<String, Object> document) throws InvalidJobDocument {
        if (document == null) {
            throw new InvalidJobDocument("document", "missing");
        }
        return parseTree(JSON.valueToTree(document));
    }

    private static JobDocument parseTree(JsonNode root) throws InvalidJobDocument {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidJobDocument(name, "unknown field; known are " + FIELDS.stream().sorted().toList());
            }
        }
        String driveLog = text(root, "driveLog", true);
        if (!S3_URI.matcher(driveLog).matches()) {
            throw new InvalidJobDocument("driveLog", "must be s3://bucket/key, not '" + driveLog + "'");
        }
        String sha256 = text(root, "sha256", false);
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw new InvalidJobDocument("sha256", "must be 64 lower-case hex digits");
        }
        Map<String, String> outputs = outputs(root.get("outputs"));
        String expect = text(root, "expect", false);
        if (expect != null) {
            try {
                Criterion.parseForRun(expect, false);
            } catch (IllegalArgumentException e) {
                throw new InvalidJobDocument("expect", e.getMessage());
            }
        }
        double speed = 1.0;
        JsonNode speedNode = root.get("speed");
        if (speedNode != null) {
            if (!speedNode.isNumber() || !(speedNode.asDouble() > 0) || Double.isInfinite(speedNode.asDouble())) {
                throw new InvalidJobDocument("speed", "must be a number above 0, not " + speedNode);
            }
            speed = speedNode.asDouble();
        }
        return new JobDocument(driveLog, sha256, outputs, expect, speed, capabilities(root.get("capabilities")));
    }

    /** The required capabilities this rig lacks, in the document's order; empty when it can run the job. */
    public List<String> missingCapabilities(Set<String> rig) {
        List<String> missing = new ArrayList<>();
        for (String capability : capabilities) {
            if (!rig.contains(capability)) {
                missing.add(capability);
            }
        }
        return missing;
    }

    private static String text(JsonNode root, String field, boolean required) throws InvalidJobDocument {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidJobDocument(field, "missing");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new InvalidJobDocument(field, "must be a non-empty string, not " + node);
        }
        return node.asText();
    }

    private static Map<String, String> outputs(JsonNode node) throws InvalidJobDocument {
        if (node == null || node.isNull()) {
            throw new InvalidJobDocument("outputs", "missing");
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new InvalidJobDocument("outputs", "must be a non-empty object of name to output URI");
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> output = fields.next();
            String field = "outputs." + output.getKey();
            if (!output.getValue().isTextual()) {
                throw new InvalidJobDocument(field, "must be an output URI string");
            }
            try {
                String scheme = OutputSpec.parse(output.getValue().asText(), output.getKey()).scheme();
                if (!OUTPUT_SCHEMES.contains(scheme)) {
                    throw new InvalidJobDocument(field, "unknown output scheme " + scheme + "; known are "
                            + OUTPUT_SCHEMES.stream().sorted().toList());
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidJobDocument(field, e.getMessage());
            }
            outputs.put(output.getKey(), output.getValue().asText());
        }
        return Collections.unmodifiableMap(outputs);
    }

    private static Set<String> capabilities(JsonNode node) throws InvalidJobDocument {
        Set<String> capabilities = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return capabilities;
        }
        if (!node.isArray()) {
            throw new InvalidJobDocument("capabilities", "must be an array of strings");
        }
        for (JsonNode capability : node) {
            if (!capability.isTextual() || capability.asText().isBlank()) {
                throw new InvalidJobDocument("capabilities", "must be an array of strings, not " + node);
            }
            capabilities.add(capability.asText().toLowerCase(Locale.ROOT));
        }
        return capabilities;
    }
}
