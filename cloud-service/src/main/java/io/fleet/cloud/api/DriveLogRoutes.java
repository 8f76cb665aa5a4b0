package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.http.ApiError;
import io.fleet.cloud.http.ApiErrors;
import io.fleet.cloud.ingest.DriveLog;
import io.fleet.cloud.ingest.DriveLogDetail;
import io.fleet.cloud.ingest.DriveLogQueries;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The drive-log catalog under {@code /api/drive-logs} (bearer tokens through {@link AppApiRoutes}' authentication,
 * which must be mounted first): admins see every vehicle's logs, owners their vehicles', and another owner's log is
 * 404 exactly like a missing one.
 */
public final class DriveLogRoutes {

    private final DriveLogQueries queries;

    public DriveLogRoutes(DriveLogQueries queries) {
        this.queries = queries;
    }

    public void mount(Router router) {
        router.get("/api/drive-logs").handler(this::list);
        router.get("/api/drive-logs/:id").handler(this::get);
    }

    private void list(RoutingContext ctx) {
        Optional<Instant> from;
        Optional<Instant> to;
        try {
            from = time(ctx, "from");
            to = time(ctx, "to");
        } catch (DateTimeParseException e) {
            ApiErrors.send(ctx, ApiError.badRequest("from and to must be ISO-8601 UTC times such as "
                    + "2023-11-30T17:02:05Z, got '" + e.getParsedString() + "'"));
            return;
        }
        Optional<String> vehicle = Optional.ofNullable(ctx.request().getParam("vehicle")).filter(v -> !v.isEmpty());
        queries.list(AppApiRoutes.user(ctx), new DriveLogQueries.Filter(vehicle, from, to))
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

    private void get(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            ApiErrors.send(ctx, ApiError.notFound("no drive log " + raw));
            return;
        }
        queries.get(AppApiRoutes.user(ctx), id).whenComplete((log, failure) -> {
            if (failure != null) {
                ApiErrors.fail(ctx, failure);
            } else if (log.isEmpty()) {
                ApiErrors.send(ctx, ApiError.notFound("no drive log " + raw));
            } else {
                AppApiRoutes.json(ctx, 200, json(log.get()).toString());
            }
        });
    }

    private static Optional<Instant> time(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(value));
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
        return node;
    }

    static ObjectNode json(DriveLogDetail detail) {
        ObjectNode node = json(detail.log());
        node.set("signals", ApiJson.JSON.valueToTree(detail.signals()));
        node.set("dbcs", ApiJson.JSON.valueToTree(detail.dbcs()));
        node.set("derivedObjects", ApiJson.JSON.valueToTree(detail.derivedObjects()));
        return node;
    }
}
