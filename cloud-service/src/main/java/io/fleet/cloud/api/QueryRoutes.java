package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.http.ApiError;
import io.fleet.cloud.http.ApiErrors;
import io.fleet.cloud.ingest.CatalogSql;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;

/**
 * {@code POST /api/query} {@code {"sql": "SELECT ..."}} -> {@code {"columns": [...], "rows": [[...]], "truncated":
 * false}}: read-only SQL over the catalog ({@link CatalogSql}); bearer tokens through {@link AppApiRoutes}'
 * authentication, mounted first. Anything but a single SELECT is 400 with the reason.
 */
public final class QueryRoutes {

    private final CatalogSql sql;

    public QueryRoutes(CatalogSql sql) {
        this.sql = sql;
    }

    public void mount(Router router) {
        router.post("/api/query").handler(this::query);
    }

    private void query(RoutingContext ctx) {
        JsonNode body;
        try {
            body = ApiJson.JSON.readTree(ctx.body().asString());
        } catch (IOException | RuntimeException e) {
            body = null;
        }
        if (body == null || !body.path("sql").isTextual() || body.get("sql").asText().isBlank()) {
            ApiErrors.send(ctx, ApiError.badRequest("the body must be {\"sql\": \"SELECT ...\"}"));
            return;
        }
        sql.query(AppApiRoutes.user(ctx), body.get("sql").asText()).whenComplete((result, failure) -> {
            if (failure != null) {
                ApiErrors.fail(ctx, failure);
                return;
            }
            ObjectNode answer = ApiJson.JSON.createObjectNode();
            answer.set("columns", ApiJson.JSON.valueToTree(result.columns()));
            answer.set("rows", ApiJson.JSON.valueToTree(result.rows()));
            answer.put("truncated", result.truncated());
            AppApiRoutes.json(ctx, 200, answer.toString());
        });
    }
}
