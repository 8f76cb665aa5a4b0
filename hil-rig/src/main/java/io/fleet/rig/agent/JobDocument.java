package io.fleet.rig.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.rig.capture.MatchRule;
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
 * "expect":"lateness.p99<=100us","speed":1.0,"capabilities":["can"],"seek":10,"window":60,"match":"0x7E0->0x7E8",
 * "capture":true,"resultsPrefix":"results/c1/r1/","campaign":"c1","run":"r1"}}. Only driveLog and outputs are
 * required; the fields are those of the rig/dispatcher contract (issue 13).
 *
 * @param driveLog      the drive log, an s3://bucket/key URI
 * @param sha256        the drive log's expected SHA-256 in lower-case hex, or null when not given
 * @param outputs       output name to output URI, as {@code --out NAME=URI} of {@code replay}
 * @param expect        the pass criteria as {@code --expect} of {@code replay}, or null
 * @param speed         the replay speed factor
 * @param capabilities  what the rig must have to run the job, e.g. can, canfd
 * @param part          which part of the log to replay
 * @param matches       stimulus->response rules as {@code --match} of {@code replay}, e.g. 0x7E0->0x7E8
 * @param capture       whether to capture the DUT's answers and upload the capture
 * @param resultsPrefix the S3 key prefix (ending in /) of the results, or null for {@code results/<jobId>/}
 * @param campaign      the campaign id, echoed in the final status details, or null
 * @param run           the run id, echoed in the final status details, or null
 */
public record JobDocument(String driveLog, String sha256, Map<String, String> outputs, String expect, double speed,
                          Set<String> capabilities, Part part, List<String> matches, boolean capture,
                          String resultsPrefix, String campaign, String run) {

    /**
     * The replayed part of the log, in seconds from its first frame.
     *
     * @param seekSeconds   where the replay starts, 0 for the beginning
     * @param windowSeconds how long it runs on the log's time, or null for up to the end
     */
    public record Part(double seekSeconds, Double windowSeconds) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+");
    /** An output named {@code rig://NAME} is the rig's own output NAME (its {@code --output NAME=URI}). */
    static final String RIG_OUTPUT = "rig://";
    private static final Set<String> OUTPUT_SCHEMES = Set.of("cannelloni", "udp", "socketcan", "loopback", "rig");
    private static final Pattern RESULTS_PREFIX = Pattern.compile("[^/\\s][^\\s]*/");
    private static final Set<String> FIELDS = Set.of("driveLog", "sha256", "outputs", "expect", "speed",
            "capabilities", "seek", "window", "match", "capture", "resultsPrefix", "campaign", "run");

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

    /** The bucket of the drive log, where the results go too. */
    public String bucket() {
        return driveLog.substring("s3://".length(), driveLog.indexOf('/', "s3://".length()));
    }

    /** The key prefix the results go to: {@code resultsPrefix}, else {@code results/<jobId>/}. */
    public String resultsPrefix(String jobId) {
        return resultsPrefix != null ? resultsPrefix : "results/" + jobId + "/";
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
        Double speed = number(root, "speed", false);
        Double seek = number(root, "seek", true);
        Double window = number(root, "window", false);
        List<String> matches = matches(root.get("match"));
        if (expect != null) {
            try {
                Criterion.parseForRun(expect, !matches.isEmpty());
            } catch (IllegalArgumentException e) {
                throw new InvalidJobDocument("expect", e.getMessage());
            }
        }
        JsonNode capture = root.get("capture");
        if (capture != null && !capture.isBoolean()) {
            throw new InvalidJobDocument("capture", "must be true or false, not " + capture);
        }
        String resultsPrefix = text(root, "resultsPrefix", false);
        if (resultsPrefix != null && !RESULTS_PREFIX.matcher(resultsPrefix).matches()) {
            throw new InvalidJobDocument("resultsPrefix", "must be an S3 key prefix ending in / (no leading /, no "
                    + "spaces), not '" + resultsPrefix + "'");
        }
        return new JobDocument(driveLog, sha256, outputs, expect, speed == null ? 1.0 : speed,
                capabilities(root.get("capabilities")), new Part(seek == null ? 0 : seek, window), matches,
                capture != null && capture.asBoolean(), resultsPrefix, text(root, "campaign", false),
                text(root, "run", false));
    }

    /** A finite number above 0 (or at least 0 when {@code zeroAllowed}), or null when absent. */
    private static Double number(JsonNode root, String field, boolean zeroAllowed) throws InvalidJobDocument {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        double value = node.asDouble();
        if (!node.isNumber() || !Double.isFinite(value) || value < 0 || (value == 0 && !zeroAllowed)) {
            throw new InvalidJobDocument(field, "must be a number " + (zeroAllowed ? "of at least 0" : "above 0")
                    + ", not " + node);
        }
        return value;
    }

    /** {@code match}: one rule, rules separated by commas, or an array of rules. */
    private static List<String> matches(JsonNode node) throws InvalidJobDocument {
        List<String> rules = new ArrayList<>();
        if (node == null || node.isNull()) {
            return rules;
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (JsonNode item : items) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new InvalidJobDocument("match", "must be a rule like 0x7E0->0x7E8 or an array of them, not "
                        + node);
            }
            for (String rule : item.asText().split(",")) {
                try {
                    rules.add(MatchRule.parse(rule.trim()).toString());
                } catch (IllegalArgumentException e) {
                    throw new InvalidJobDocument("match", e.getMessage());
                }
            }
        }
        return List.copyOf(rules);
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
