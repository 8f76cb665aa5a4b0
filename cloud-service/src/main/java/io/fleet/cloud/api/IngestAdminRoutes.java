package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.http.ApiError;
import io.fleet.cloud.http.ApiErrors;
import io.fleet.cloud.ingest.IngestQueue;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * The ingest queue for admins (bearer tokens through {@link AppApiRoutes}' authentication, mounted first; anyone
 * else 403): {@code GET /api/ingest/status}, {@code POST /api/drive-logs/{id}/reprocess} and
 * {@code POST /api/drive-logs/reprocess} with {@code {"vehicle": "..."}}, which put drive logs back into the queue to
 * be read again with the DBCs in the bucket now (202: the workers do it).
 */
public final class IngestAdminRoutes {

    private final IngestQueue queue;

    public IngestAdminRoutes(IngestQueue queue) {
        this.queue = queue;
    }

    public void mount(Router router) {
        router.get("/api/ingest/status").handler(this::status);
        router.post("/api/drive-logs/reprocess").handler(this::reprocessVehicle);
        router.post("/api/drive-logs/:id/reprocess").handler(this::reprocessOne);
    }

    private static boolean admin(RoutingContext ctx) {
        if (AppApiRoutes.user(ctx).isAdmin()) {
            return true;
        }
        ApiErrors.send(ctx, ApiError.forbidden("only an admin may see or change the ingest queue"));
        return false;
    }

    private void status(RoutingContext ctx) {
        if (!admin(ctx)) {
            return;
        }
        queue.status().whenComplete((status, failure) -> {
            if (failure != null) {
                ApiErrors.fail(ctx, failure);
                return;
            }
            ObjectNode body = ApiJson.JSON.createObjectNode();
            body.set("counts", ApiJson.JSON.valueToTree(status.counts()));
            ArrayNode errors = body.putArray("lastErrors");
            status.lastErrors().forEach(f -> errors.addObject().put("id", f.id()).put("key", f.key())
                    .put("vehicle", f.vehicle()).put("error", f.error())
                    .put("at", f.at().map(Instant::toString).orElse(null)));
            AppApiRoutes.json(ctx, 200, body.toString());
        });
    }

    private void reprocessOne(RoutingContext ctx) {
        if (!admin(ctx)) {
            return;
        }
        OptionalLong id = DriveLogRoutes.id(ctx);
        if (id.isEmpty()) {
            return;
        }
        queue.reprocess(id.getAsLong()).whenComplete((requeued, failure) -> {
            if (failure != null) {
                ApiErrors.fail(ctx, failure);
            } else if (requeued.isEmpty()) {
                ApiErrors.send(ctx, ApiError.notFound("no drive log " + id.getAsLong()));
            } else {
                answer(ctx, List.of(id.getAsLong()));
            }
        });
    }

    private void reprocessVehicle(RoutingContext ctx) {
        if (!admin(ctx)) {
            return;
        }
        JsonNode body;
        try {
            body = ApiJson.JSON.readTree(ctx.body().asString());
        } catch (IOException | RuntimeException e) {
            body = null;
        }
        if (body == null || !body.path("vehicle").isTextual() || body.get("vehicle").asText().isEmpty()) {
            ApiErrors.send(ctx, ApiError.badRequest("the body must be {\"vehicle\": \"<vehicle>\"}"));
            return;
        }
        queue.reprocessVehicle(body.get("vehicle").asText()).whenComplete((ids, failure) -> {
            if (failure != null) {
                ApiErrors.fail(ctx, failure);
            } else {
                answer(ctx, ids);
            }
        });
    }

    private static void answer(RoutingContext ctx, List<Long> ids) {
        ObjectNode body = ApiJson.JSON.createObjectNode();
        body.set("reprocessing", ApiJson.JSON.valueToTree(ids));
        AppApiRoutes.json(ctx, 202, body.toString());
    }
}
