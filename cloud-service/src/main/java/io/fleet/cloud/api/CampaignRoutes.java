package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.campaigns.Campaign;
import io.fleet.cloud.campaigns.CampaignRequest;
import io.fleet.cloud.campaigns.CampaignRun;
import io.fleet.cloud.campaigns.Campaigns;
import io.fleet.cloud.campaigns.Rig;
import io.fleet.cloud.campaigns.RunResults;
import io.fleet.cloud.http.ApiError;
import io.fleet.cloud.http.ApiErrors;
import io.fleet.cloud.http.ApiException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Test campaigns and the rig pool for admins (bearer tokens through {@link AppApiRoutes}' authentication, mounted
 * first; anyone else 403): {@code POST /api/campaigns}, {@code GET /api/campaigns}, {@code GET /api/campaigns/{id}},
 * {@code POST /api/campaigns/{id}/cancel}, {@code GET /api/campaigns/{id}/runs/{run}/kpi.html} and
 * {@code GET /api/rigs}.
 */
public final class CampaignRoutes {

    /** The largest page of {@code GET /api/campaigns?limit=}. */
    static final int MAX_PAGE = 500;

    private final Campaigns campaigns;
    private final RunResults results;

    public CampaignRoutes(Campaigns campaigns, RunResults results) {
        this.campaigns = campaigns;
        this.results = results;
    }

    public void mount(Router router) {
        router.post("/api/campaigns").handler(this::create);
        router.get("/api/campaigns").handler(this::list);
        router.get("/api/campaigns/:id").handler(this::get);
        router.post("/api/campaigns/:id/cancel").handler(this::cancel);
        router.get("/api/campaigns/:id/runs/:run/kpi.html").handler(this::kpiHtml);
        router.get("/api/rigs").handler(this::rigs);
    }

    private static boolean admin(RoutingContext ctx) {
        if (AppApiRoutes.user(ctx).isAdmin()) {
            return true;
        }
        ApiErrors.send(ctx, ApiError.forbidden("only an admin may see or change campaigns and rigs"));
        return false;
    }

    private void create(RoutingContext ctx) {
        if (!admin(ctx)) {
            return;
        }
        CampaignRequest request;
        try {
            JsonNode body;
            try {
                body = ApiJson.JSON.readTree(ctx.body().asString());
            } catch (IOException | RuntimeException e) {
                throw new ApiException(ApiError.badRequest("the body is no JSON: " + e.getMessage()));
            }
            request = CampaignRequest.parse(body);
        } catch (ApiException e) {
            ApiErrors.send(ctx, e.error());
            return;
        }
        campaigns.create(request, AppApiRoutes.user(ctx).name()).whenComplete((campaign, failure) -> {
            if (failure != null) {
                ApiErrors.fail(ctx, failure);
            } else {
                AppApiRoutes.json(ctx, 201, json(campaign).toString());
            }
        });
    }

    private void list(RoutingContext ctx) {
        if (!admin(ctx)) {
            return;
        }
        Optional<Long> after;
        OptionalInt limit;
        try {
            after = PageParameters.afterId(ctx.request().getParam("nextToken"));
            limit = PageParameters.limit(ctx.request().getParam("limit"), MAX_PAGE);
        } catch (IllegalArgumentException e) {
            ApiErrors.send(ctx, ApiError.badRequest(e.getMessage()));
            return;
        }
        campaigns.campaigns(after, limit).whenComplete((page, failure) -> {
            if (failure != null) {
                ApiErrors.fail(ctx, failure);
                return;
            }
            ArrayNode array = ApiJson.JSON.createArrayNode();
            page.campaigns().forEach(campaign -> array.add(json(campaign)));
            ObjectNode answer = ApiJson.JSON.createObjectNode().put("total", page.total());
            answer.set("campaigns", array);
            page.nextToken().ifPresent(token -> answer.put("nextToken", token));
            AppApiRoutes.json(ctx, 200, answer.toString());
        });
    }

    private void get(RoutingContext ctx) {
        OptionalLong id = id(ctx);
        if (!admin(ctx) || id.isEmpty()) {
            return;
        }
        campaigns.campaign(id.getAsLong()).whenComplete((campaign, failure) -> answer(ctx, id, campaign, failure));
    }

    private void cancel(RoutingContext ctx) {
        OptionalLong id = id(ctx);
        if (!admin(ctx) || id.isEmpty()) {
            return;
        }
        campaigns.cancel(id.getAsLong()).whenComplete((campaign, failure) -> answer(ctx, id, campaign, failure));
    }

    /**
     * The rig's KPI HTML of a run, from its results in S3. The page is the rig's, so it is served sandboxed: no
     * script in it runs with the console's origin (and its token).
     */
    private void kpiHtml(RoutingContext ctx) {
        if (!admin(ctx)) {
            return;
        }
        OptionalLong id = id(ctx);
        OptionalLong run = id.isEmpty() ? id : number(ctx, "run", "no run ");
        if (run.isEmpty()) {
            return;
        }
        results.kpiHtml(id.getAsLong(), run.getAsLong()).whenComplete((html, failure) -> {
            if (failure != null) {
                ApiErrors.fail(ctx, failure);
            } else if (html.isEmpty()) {
                ApiErrors.send(ctx, ApiError.notFound("no KPI report for run " + run.getAsLong() + " of campaign "
                        + id.getAsLong() + " (its rig uploads one when the run ends)"));
            } else if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html; charset=utf-8")
                        .putHeader("Content-Security-Policy", "sandbox").putHeader("X-Content-Type-Options", "nosniff")
                        .putHeader("Cache-Control", "no-store").end(Buffer.buffer(html.get()));
            }
        });
    }

    private static void answer(RoutingContext ctx, OptionalLong id, Optional<Campaign> campaign, Throwable failure) {
        if (failure != null) {
            ApiErrors.fail(ctx, failure);
        } else if (campaign.isEmpty()) {
            ApiErrors.send(ctx, ApiError.notFound("no campaign " + id.getAsLong()));
        } else {
            AppApiRoutes.json(ctx, 200, json(campaign.get()).toString());
        }
    }

    private void rigs(RoutingContext ctx) {
        if (!admin(ctx)) {
            return;
        }
        campaigns.rigs().whenComplete((pool, failure) -> {
            if (failure != null) {
                ApiErrors.fail(ctx, failure);
                return;
            }
            ArrayNode array = ApiJson.JSON.createArrayNode();
            pool.forEach(pooled -> {
                Rig rig = pooled.rig();
                ObjectNode node = array.addObject().put("name", rig.name()).put("connected", rig.connected())
                        .put("health", rig.health()).put("busy", rig.busy())
                        .put("dispatchable", rig.dispatchable());
                node.set("capabilities", ApiJson.JSON.valueToTree(rig.capabilities()));
                node.put("reason", rig.reason().orElse(null));
                node.put("softwareVersion", rig.softwareVersion().orElse(null));
                node.put("currentRun", rig.currentRun().orElse(null));
                node.put("queueLength", pooled.servableRuns());
            });
            AppApiRoutes.json(ctx, 200, ApiJson.JSON.createObjectNode().set("rigs", array).toString());
        });
    }

    private static OptionalLong id(RoutingContext ctx) {
        return number(ctx, "id", "no campaign ");
    }

    /** The path parameter as a number, or empty after a 404 that says {@code notFound} and what came. */
    private static OptionalLong number(RoutingContext ctx, String parameter, String notFound) {
        String raw = ctx.pathParam(parameter);
        try {
            return OptionalLong.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            ApiErrors.send(ctx, ApiError.notFound(notFound + raw));
            return OptionalLong.empty();
        }
    }

    static ObjectNode json(Campaign campaign) {
        ObjectNode node = ApiJson.JSON.createObjectNode().put("id", campaign.id()).put("name", campaign.name())
                .put("status", campaign.status()).put("priority", campaign.priority())
                .put("retries", campaign.retries()).put("capture", campaign.capture())
                .put("createdBy", campaign.createdBy())
                .put("createdAt", campaign.createdAt().toString())
                .put("canceledAt", campaign.canceledAt().map(Instant::toString).orElse(null));
        node.putObject("requirements").set("capabilities", ApiJson.JSON.valueToTree(campaign.capabilities()));
        node.set("outputs", tree(campaign.outputs()));
        node.set("criteria", criteria(campaign));
        ObjectNode counts = node.putObject("counts");
        campaign.counts().forEach((state, count) -> counts.put(state.name(), count));
        if (!campaign.runs().isEmpty()) {
            ArrayNode runs = node.putArray("runs");
            campaign.runs().forEach(run -> runs.add(json(run).set("criteria", criteria(campaign))));
        }
        return node;
    }

    private static ObjectNode criteria(Campaign campaign) {
        ObjectNode criteria = ApiJson.JSON.createObjectNode();
        criteria.set("expect", campaign.expect().map(CampaignRoutes::tree).orElse(null));
        criteria.set("match", campaign.match().map(CampaignRoutes::tree).orElse(null));
        return criteria;
    }

    static ObjectNode json(CampaignRun run) {
        ObjectNode node = ApiJson.JSON.createObjectNode().put("id", run.id()).put("campaignId", run.campaignId())
                .put("state", run.state().name()).put("attempt", run.attempt())
                .put("rig", run.rig().orElse(null)).put("rigSoftwareVersion", run.rigSoftware().orElse(null))
                .put("jobId", run.jobId().orElse(null)).put("verdict", run.verdict().orElse(null));
        node.set("measured", run.measured().map(CampaignRoutes::tree).orElse(ApiJson.JSON.createObjectNode()));
        node.put("results", run.results().orElse(null)).put("reason", run.reason().orElse(null));
        node.put("kpiHtml", run.results().isPresent() ? RunResults.kpiHtmlPath(run.campaignId(), run.id()) : null);
        ObjectNode log = node.putObject("driveLog");
        log.put("id", run.driveLogId().orElse(null)).put("url", run.driveLog()).put("sha256",
                run.sha256().orElse(null));
        log.set("dbcs", tree(run.dbcs()));
        run.window().ifPresent(w -> node.putObject("window").put("seek", w.seek()).put("seconds", w.seconds()));
        run.scenario().ifPresent(s -> node.putObject("scenario").put("type", s.type())
                .put("start", s.start().toString()).put("end", s.end().toString()));
        node.put("queuedAt", run.queuedAt().toString())
                .put("leaseExpiresAt", run.leaseExpiresAt().map(Instant::toString).orElse(null))
                .put("startedAt", run.startedAt().map(Instant::toString).orElse(null))
                .put("endedAt", run.endedAt().map(Instant::toString).orElse(null));
        ArrayNode attempts = node.putArray("attempts");
        run.attempts().forEach(a -> attempts.addObject().put("attempt", a.attempt()).put("rig", a.rig())
                .put("jobId", a.jobId()).put("outcome", a.outcome().orElse(null))
                .put("reason", a.reason().orElse(null)).put("leasedAt", a.leasedAt().toString())
                .put("endedAt", a.endedAt().map(Instant::toString).orElse(null)));
        return node;
    }

    private static JsonNode tree(String json) {
        try {
            return ApiJson.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON unreadable: " + json, e);
        }
    }
}
