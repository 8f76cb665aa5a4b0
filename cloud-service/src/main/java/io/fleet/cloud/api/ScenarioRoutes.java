package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fleet.cloud.http.ApiErrors;
import io.fleet.cloud.http.ApiException;
import io.fleet.cloud.ingest.ScenarioQueries;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Scenario search under {@code /api/scenarios} (bearer tokens through {@link AppApiRoutes}' authentication, which
 * must be mounted first): admins find every vehicle's scenarios, owners their vehicles'.
 */
public final class ScenarioRoutes {

    private final ScenarioQueries queries;

    public ScenarioRoutes(ScenarioQueries queries) {
        this.queries = queries;
    }

    public void mount(Router router) {
        router.get("/api/scenarios").handler(this::find);
    }

    private void find(RoutingContext ctx) {
        ScenarioQueries.Filter filter;
        try {
            filter = new ScenarioQueries.Filter(DriveLogRoutes.scenarioType(ctx, "type"),
                    DriveLogRoutes.param(ctx, "vehicle"), DriveLogRoutes.time(ctx, "from"),
                    DriveLogRoutes.time(ctx, "to"));
        } catch (ApiException e) {
            ApiErrors.send(ctx, e.error());
            return;
        }
        queries.find(AppApiRoutes.user(ctx), filter).whenComplete((found, failure) -> {
            if (failure != null) {
                ApiErrors.fail(ctx, failure);
                return;
            }
            ArrayNode array = ApiJson.JSON.createArrayNode();
            found.forEach(f -> array.add(DriveLogRoutes.json(f.scenario()).put("driveLogId", f.driveLogId())
                    .put("vehicle", f.vehicle())));
            AppApiRoutes.json(ctx, 200, ApiJson.JSON.createObjectNode().set("scenarios", array).toString());
        });
    }
}
