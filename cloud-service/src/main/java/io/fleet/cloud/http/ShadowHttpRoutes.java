package io.fleet.cloud.http;

import io.fleet.cloud.shadow.ShadowOperation;
import io.fleet.cloud.shadow.ShadowReply;
import io.fleet.cloud.shadow.ShadowService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;

/**
 * AWS IoT data-plane shadow API, wire-compatible with {@code IotDataPlaneClient}: GetThingShadow,
 * UpdateThingShadow, DeleteThingShadow ({@code /things/{thingName}/shadow[?name=]}) and ListNamedShadowsForThing.
 * Errors carry AWS's status, JSON body and {@code x-amzn-ErrorType}, which the SDK maps to its typed exceptions.
 *
 * <p>Threads: handlers run on a Vert.x event loop and only hand the request to the {@link ShadowService}; the
 * answer comes back on a commit-lane thread and is written through the request's own context.
 */
public final class ShadowHttpRoutes {

    /** Requests above this are refused before parsing; the engine enforces AWS's 8 KB state limit itself. */
    static final long MAX_BODY_BYTES = 128 * 1024;

    private static final Map<Integer, String> ERROR_TYPES = Map.of(
            400, "InvalidRequestException",
            401, "UnauthorizedException",
            403, "UnauthorizedException",
            404, "ResourceNotFoundException",
            405, "MethodNotAllowedException",
            409, "ConflictException",
            413, "RequestEntityTooLargeException",
            415, "UnsupportedDocumentEncodingException",
            429, "ThrottlingException",
            503, "ServiceUnavailableException");

    private final ShadowService shadows;
    private final SigV4Verifier signatures;

    /** @param signatures checks every request's SigV4 signature; null to take unsigned requests */
    public ShadowHttpRoutes(ShadowService shadows, SigV4Verifier signatures) {
        this.shadows = shadows;
        this.signatures = signatures;
    }

    public void mount(Router router) {
        router.route("/things/:thingName/shadow").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.get("/things/:thingName/shadow").handler(ctx -> shadowRequest(ctx, ShadowOperation.GET));
        router.post("/things/:thingName/shadow").handler(ctx -> shadowRequest(ctx, ShadowOperation.UPDATE));
        router.delete("/things/:thingName/shadow").handler(ctx -> shadowRequest(ctx, ShadowOperation.DELETE));
        router.get("/api/things/shadow/ListNamedShadowsForThing/:thingName").handler(this::listNamedShadows);
    }

    /** False (and the request answered 403) when signatures are required and this one's is missing or wrong. */
    private boolean signedCorrectly(RoutingContext ctx, byte[] payload) {
        if (signatures == null) {
            return true;
        }
        var request = ctx.request();
        var problem = signatures.check(request.method().name(), request.path(), request.query(), request::getHeader,
                payload);
        problem.ifPresent(message -> respond(ctx, shadows.errorReply(403, message)));
        return problem.isEmpty();
    }

    private void shadowRequest(RoutingContext ctx, ShadowOperation operation) {
        String thing = ctx.pathParam("thingName");
        String name = ctx.queryParams().get("name");
        Buffer body = ctx.body().buffer();
        byte[] payload = body != null ? body.getBytes() : new byte[0];
        if (!signedCorrectly(ctx, payload)) {
            return;
        }
        Future.fromCompletionStage(shadows.request(operation, thing, name, payload, false), ctx.vertx()
                        .getOrCreateContext())
                .onSuccess(reply -> respond(ctx, reply))
                .onFailure(ctx::fail);
    }

    private void listNamedShadows(RoutingContext ctx) {
        if (!signedCorrectly(ctx, new byte[0])) {
            return;
        }
        String thing = ctx.pathParam("thingName");
        String nextToken = ctx.queryParams().get("nextToken");
        String pageSizeParam = ctx.queryParams().get("pageSize");
        int pageSize;
        try {
            pageSize = pageSizeParam == null ? 25 : Integer.parseInt(pageSizeParam);
        } catch (NumberFormatException e) {
            pageSize = -1;
        }
        if (pageSize < 1 || pageSize > 100) {
            respond(ctx, shadows.errorReply(400, "pageSize must be 1 to 100"));
            return;
        }
        Future.fromCompletionStage(shadows.listNamedShadows(thing, nextToken, pageSize), ctx.vertx()
                        .getOrCreateContext())
                .onSuccess(reply -> respond(ctx, reply))
                .onFailure(ctx::fail);
    }

    static void respond(RoutingContext ctx, ShadowReply reply) {
        respond(ctx.response(), reply);
    }

    static void respond(HttpServerResponse httpResponse, ShadowReply reply) {
        var response = httpResponse.setStatusCode(reply.status()).putHeader("Content-Type", "application/json");
        if (!reply.accepted()) {
            response.putHeader("x-amzn-ErrorType", ERROR_TYPES.getOrDefault(reply.status(),
                    "InternalFailureException"));
        }
        response.end(Buffer.buffer(reply.body()));
    }
}
