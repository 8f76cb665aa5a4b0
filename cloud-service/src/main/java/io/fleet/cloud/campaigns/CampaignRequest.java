package io.fleet.cloud.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.http.ApiError;
import io.fleet.cloud.http.ApiException;
import io.fleet.cloud.ingest.scenario.ScenarioDetectors;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code POST /api/campaigns} body, checked as a whole: every bad field is named in one 400 answer, and nothing is
 * stored. Either {@code runs} (explicit drive logs, each with an optional UTC window) or {@code scenarios} (a catalog
 * query: one run per matching scenario) says what to replay.
 *
 * @param expect the job document's pass criteria as given (replay's --expect), or null
 * @param match  the job document's match rules as given (replay's --match), or null
 * @param capture the rig captures the DUT's answers and uploads the capture with the results
 */
public record CampaignRequest(String name, List<RunRequest> runs, Optional<ScenarioQuery> scenarios,
                              List<String> capabilities, JsonNode outputs, JsonNode expect, JsonNode match,
                              boolean capture, int priority, int retries) {

    /** The capabilities a rig may have (hil-rig README, "Rig agent"). */
    public static final Set<String> CAPABILITIES = Set.of("can", "canfd", "ethernet");
    static final int MAX_RUNS = 1000;
    static final int MAX_RETRIES = 100;
    private static final Pattern S3_URL = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** One explicit run: a catalog drive log by id or an {@code s3://} URL, optionally a UTC window of it. */
    public record RunRequest(Optional<Long> driveLogId, Optional<String> driveLog, Optional<String> sha256,
                             Optional<Instant> from, Optional<Instant> to) {
    }

    /** A catalog query: the scenarios of {@code type}, optionally of one vehicle and inside a time range. */
    public record ScenarioQuery(String type, Optional<String> vehicle, Optional<Instant> from, Optional<Instant> to) {
    }

    public CampaignRequest {
        runs = List.copyOf(runs);
        capabilities = List.copyOf(capabilities);
    }

    /** @throws ApiException 400 naming every bad field */
    public static CampaignRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid(List.of("the body must be a JSON object {name, runs | scenarios, requirements, outputs, "
                    + "expect, match, priority, retries}"));
        }
        Fields fields = new Fields(body);
        String name = fields.text("name", true);
        if (name != null && name.isBlank()) {
            fields.problem("name", "must not be blank");
        }
        List<RunRequest> runs = new ArrayList<>();
        Optional<ScenarioQuery> scenarios = Optional.empty();
        boolean hasRuns = body.hasNonNull("runs");
        boolean hasScenarios = body.hasNonNull("scenarios");
        if (hasRuns == hasScenarios) {
            fields.problem("runs", "give either runs (drive logs) or scenarios (a catalog query), "
                    + (hasRuns ? "not both" : "none given"));
        } else if (hasRuns) {
            runs = runs(fields, body.get("runs"));
        } else {
            scenarios = Optional.ofNullable(scenarioQuery(fields, body.get("scenarios")));
        }
        List<String> capabilities = capabilities(fields, body.path("requirements"));
        JsonNode outputs = body.get("outputs");
        if (outputs == null || !outputs.isObject() || outputs.isEmpty()) {
            fields.problem("outputs", "required: an object mapping the log's channels to outputs, e.g. "
                    + "{\"A\": \"cannelloni://127.0.0.1:20000\"}");
        } else {
            outputs.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    fields.problem("outputs." + e.getKey(), "must be an output address string");
                }
            });
        }
        JsonNode capture = body.path("capture");
        if (!capture.isMissingNode() && !capture.isNull() && !capture.isBoolean()) {
            fields.problem("capture", "must be true or false, got " + capture);
        }
        int priority = fields.integer("priority", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        int retries = fields.integer("retries", 0, 0, MAX_RETRIES);
        if (!fields.problems.isEmpty()) {
            throw invalid(fields.problems);
        }
        return new CampaignRequest(name, runs, scenarios, capabilities, outputs, nullable(body.get("expect")),
                nullable(body.get("match")), capture.asBoolean(false), priority, retries);
    }

    private static JsonNode nullable(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static List<RunRequest> runs(Fields fields, JsonNode array) {
        List<RunRequest> runs = new ArrayList<>();
        if (!array.isArray() || array.isEmpty() || array.size() > MAX_RUNS) {
            fields.problem("runs", "must be an array of 1 to " + MAX_RUNS + " runs");
            return runs;
        }
        for (int i = 0; i < array.size(); i++) {
            String at = "runs[" + i + "]";
            JsonNode run = array.get(i);
            if (!run.isObject()) {
                fields.problem(at, "must be an object {driveLogId | driveLog, sha256?, window?}");
                continue;
            }
            Fields f = fields.under(at, run);
            Optional<Long> id = Optional.empty();
            if (run.hasNonNull("driveLogId")) {
                if (run.get("driveLogId").canConvertToLong() && run.get("driveLogId").isIntegralNumber()) {
                    id = Optional.of(run.get("driveLogId").longValue());
                } else {
                    f.problem("driveLogId", "must be a drive log id (a whole number)");
                }
            }
            Optional<String> url = Optional.ofNullable(f.text("driveLog", false));
            if (url.isPresent() && !S3_URL.matcher(url.get()).matches()) {
                f.problem("driveLog", "must be s3://<bucket>/<key>, got '" + url.get() + "'");
            }
            if (run.hasNonNull("driveLogId") == url.isPresent()) {
                f.problem("driveLogId", "give either driveLogId or driveLog (s3://...), " + (url.isPresent()
                        ? "not both" : "none given"));
            }
            Optional<String> sha = Optional.ofNullable(f.text("sha256", false));
            if (sha.isPresent() && !SHA256.matcher(sha.get()).matches()) {
                f.problem("sha256", "must be 64 lower-case hex digits");
            }
            Optional<Instant> from = Optional.empty();
            Optional<Instant> to = Optional.empty();
            if (run.hasNonNull("window")) {
                Fields w = f.under("window", run.get("window"));
                from = Optional.ofNullable(w.time("from", true));
                to = Optional.ofNullable(w.time("to", true));
                if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
                    w.problem("to", "must be after window.from");
                }
            }
            runs.add(new RunRequest(id, url, sha, from, to));
        }
        return runs;
    }

    private static ScenarioQuery scenarioQuery(Fields fields, JsonNode node) {
        if (!node.isObject()) {
            fields.problem("scenarios", "must be an object {type, vehicle?, from?, to?}");
            return null;
        }
        Fields f = fields.under("scenarios", node);
        String type = f.text("type", true);
        if (type != null && !ScenarioDetectors.TYPES.contains(type)) {
            f.problem("type", "must be one of " + ScenarioDetectors.TYPES + ", got '" + type + "'");
        }
        Optional<String> vehicle = Optional.ofNullable(f.text("vehicle", false));
        Optional<Instant> from = Optional.ofNullable(f.time("from", false));
        Optional<Instant> to = Optional.ofNullable(f.time("to", false));
        return new ScenarioQuery(type, vehicle, from, to);
    }

    private static List<String> capabilities(Fields fields, JsonNode requirements) {
        List<String> capabilities = new ArrayList<>();
        if (requirements.isMissingNode() || requirements.isNull()) {
            return capabilities;
        }
        JsonNode list = requirements.path("capabilities");
        if (!requirements.isObject() || !(list.isArray() || list.isMissingNode())) {
            fields.problem("requirements.capabilities", "must be an array such as [\"can\", \"canfd\"]");
            return capabilities;
        }
        for (int i = 0; i < list.size(); i++) {
            String capability = list.get(i).asText();
            if (!list.get(i).isTextual() || !CAPABILITIES.contains(capability)) {
                fields.problem("requirements.capabilities[" + i + "]", "must be one of " + CAPABILITIES.stream()
                        .sorted().toList() + ", got " + list.get(i));
            } else if (!capabilities.contains(capability)) {
                capabilities.add(capability);
            }
        }
        return capabilities;
    }

    static ApiException invalid(List<String> problems) {
        return new ApiException(ApiError.badRequest("invalid campaign: " + String.join("; ", problems)));
    }

    /** Reads the fields of one JSON object, noting each problem with its path. */
    private static final class Fields {
        private final String prefix;
        private final JsonNode node;
        private final List<String> problems;

        Fields(JsonNode node) {
            this("", node, new ArrayList<>());
        }

        private Fields(String prefix, JsonNode node, List<String> problems) {
            this.prefix = prefix;
            this.node = node;
            this.problems = problems;
        }

        Fields under(String field, JsonNode child) {
            return new Fields(prefix + field + ".", child, problems);
        }

        void problem(String field, String why) {
            problems.add(prefix + field + ": " + why);
        }

        String text(String field, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    problem(field, "required");
                }
                return null;
            }
            if (!value.isTextual()) {
                problem(field, "must be a string, got " + value);
                return null;
            }
            return value.asText();
        }

        Instant time(String field, boolean required) {
            String text = text(field, required);
            if (text == null) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                problem(field, "must be an ISO-8601 UTC time such as 2023-11-30T17:02:05Z, got '" + text + "'");
                return null;
            }
        }

        int integer(String field, int fallback, int min, int max) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min
                    || value.intValue() > max) {
                problem(field, "must be a whole number" + (min == Integer.MIN_VALUE ? "" : " from " + min + " to "
                        + max) + ", got " + value);
                return fallback;
            }
            return value.intValue();
        }
    }
}
