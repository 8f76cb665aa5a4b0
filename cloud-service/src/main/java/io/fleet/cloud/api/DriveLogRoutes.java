package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.campaigns.Campaigns;
import io.fleet.cloud.http.ApiError;
import io.fleet.cloud.http.ApiErrors;
import io.fleet.cloud.http.ApiException;
import io.fleet.cloud.ingest.DriveLog;
import io.fleet.cloud.ingest.DriveLogDetail;
import io.fleet.cloud.ingest.DriveLogQueries;
import io.fleet.cloud.ingest.scenario.Scenario;
import io.fleet.cloud.ingest.scenario.ScenarioDetectors;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The drive-log catalog under {@code /api/drive-logs} (bearer tokens through {@link AppApiRoutes}' authentication,
 * which must be mounted first): admins see every vehicle's logs, owners their vehicles', and another owner's log is
 * 404 exactly like a missing one.
 */
public final class DriveLogRoutes {

    private final DriveLogQueries queries;
    private final Campaigns campaigns;

    /** @param campaigns where the campaign runs that used a log are found (its detail lists them) */
    public DriveLogRoutes(DriveLogQueries queries, Campaigns campaigns) {
        this.queries = queries;
        this.campaigns = campaigns;
    }

    public void mount(Router router) {
        router.get("/api/drive-logs").handler(this::list);
        router.get("/api/drive-logs/:id").handler(this::get);
    }

    private void list(RoutingContext ctx) {
        Optional<Instant> from;
        Optional<Instant> to;
        Optional<String> scenario;
        try {
            from = time(ctx, "from");
            to = time(ctx, "to");
            scenario = scenarioType(ctx, "scenario");
        } catch (ApiException e) {
            ApiErrors.send(ctx, e.error());
            return;
        }
        queries.list(AppApiRoutes.user(ctx), new DriveLogQueries.Filter(param(ctx, "vehicle"), scenario, from, to))
                .whenComplete((logs, failure) -> {
                    if (failure != null) {
                        ApiErrors.fail(ctx, failure);
                        return;
                    }
                    ArrayNode array = ApiJson.JSON.createArrayNode();
                    logs.forEach(log -> array.add(json(log)));
                    AppApiRoutes.json(ctx, 200, ApiJson.JSON.createObjectNode().set("driveLogs", array).toString());
                });
    }

    /** The drive log id of the path; empty after answering 404 when it is no number. */
    static OptionalLong id(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        try {
            return OptionalLong.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            ApiErrors.send(ctx, ApiError.notFound("no drive log " + raw));
            return OptionalLong.empty();
        }
    }

    private void get(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        OptionalLong id = id(ctx);
        if (id.isEmpty()) {
            return;
        }
        queries.get(AppApiRoutes.user(ctx), id.getAsLong()).thenCompose(log -> log.isEmpty()
                ? CompletableFuture.completedFuture(Optional.<ObjectNode>empty())
                : campaigns.runsOfDriveLog(id.getAsLong()).thenApply(runs -> {
                    ObjectNode node = json(log.get());
                    ArrayNode array = node.putArray("runs");
                    runs.forEach(run -> array.add(CampaignRoutes.json(run)));
                    return Optional.of(node);
                })).whenComplete((log, failure) -> {
                    if (failure != null) {
                        ApiErrors.fail(ctx, failure);
                    } else if (log.isEmpty()) {
                        ApiErrors.send(ctx, ApiError.notFound("no drive log " + raw));
                    } else {
                        AppApiRoutes.json(ctx, 200, log.get().toString());
                    }
                });
    }

    static Optional<String> param(RoutingContext ctx, String name) {
        return Optional.ofNullable(ctx.request().getParam(name)).filter(v -> !v.isEmpty());
    }

    /** @throws ApiException 400 naming the parameter when it is no ISO-8601 UTC time */
    static Optional<Instant> time(RoutingContext ctx, String name) {
        Optional<String> value = param(ctx, name);
        try {
            return value.map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new ApiException(ApiError.badRequest(name + " must be an ISO-8601 UTC time such as "
                    + "2023-11-30T17:02:05Z, got '" + value.get() + "'"));
        }
    }

    /** @throws ApiException 400 naming the known types when the parameter is no scenario type */
    static Optional<String> scenarioType(RoutingContext ctx, String name) {
        Optional<String> type = param(ctx, name);
        if (type.isPresent() && !ScenarioDetectors.TYPES.contains(type.get())) {
            throw new ApiException(ApiError.badRequest(name + " must be one of " + ScenarioDetectors.TYPES
                    + ", got '" + type.get() + "'"));
        }
        return type;
    }

    static ObjectNode json(DriveLog log) {
        ObjectNode node = ApiJson.JSON.createObjectNode().put("id", log.id()).put("bucket", log.bucket())
                .put("key", log.key()).put("vehicle", log.vehicle()).put("size", log.size())
                .put("status", log.status().name());
        node.put("sha256", log.sha256().orElse(null));
        node.put("format", log.format().orElse(null));
        node.put("error", log.error().orElse(null));
        node.set("warnings", ApiJson.JSON.valueToTree(log.warnings()));
        node.put("start", log.start().map(Instant::toString).orElse(null));
        node.put("end", log.end().map(Instant::toString).orElse(null));
        node.put("frames", log.frames().orElse(null));
        node.set("framesPerChannel", ApiJson.JSON.valueToTree(log.framesPerChannel()));
        node.put("supersededBy", log.supersededBy().orElse(null));
        node.put("discoveredAt", log.discoveredAt().toString());
        node.put("ingestedAt", log.ingestedAt().map(Instant::toString).orElse(null));
        node.put("ingestMillis", log.ingestMillis().orElse(null));
        node.put("unknownIdFrames", log.unknownIdFrames().orElse(null));
        ObjectNode trip = node.putObject("trip");
        trip.put("distanceMetres", log.trip().distanceMetres().orElse(null));
        trip.put("durationSeconds", log.trip().durationSeconds().orElse(null));
        trip.put("maxSpeed", log.trip().maxSpeed().orElse(null));
        return node;
    }

    static ObjectNode json(DriveLogDetail detail) {
        ObjectNode node = json(detail.log());
        node.set("signals", ApiJson.JSON.valueToTree(detail.signals()));
        node.set("dbcs", ApiJson.JSON.valueToTree(detail.dbcs()));
        node.set("derivedObjects", ApiJson.JSON.valueToTree(detail.derivedObjects()));
        ArrayNode scenarios = node.putArray("scenarios");
        detail.scenarios().forEach(scenario -> scenarios.add(json(scenario)));
        return node;
    }

    static ObjectNode json(Scenario scenario) {
        ObjectNode node = ApiJson.JSON.createObjectNode().put("type", scenario.type())
                .put("start", scenario.start().toString()).put("end", scenario.end().toString());
        node.set("values", ApiJson.JSON.valueToTree(scenario.values()));
        return node;
    }
}
