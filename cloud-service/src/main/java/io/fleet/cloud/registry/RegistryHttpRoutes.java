package io.fleet.cloud.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.http.SigV4Verifier;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS IoT control-plane registry API on the service's HTTP listener, wire-compatible with the AWS SDK's
 * {@code IotClient} and {@code aws iot ... --endpoint-url}: CreateThing, DescribeThing, UpdateThing, DeleteThing
 * ({@code /things/{thingName}}), ListThings ({@code /things}), CreateThingGroup ({@code /thing-groups/{name}}),
 * AddThingToThingGroup and ListThingsInThingGroup. Paths and JSON shapes are those of AWS's service model; errors
 * carry AWS's status, {@code {"message":...}} body and {@code x-amzn-ErrorType}, which the SDK maps to its typed
 * exceptions. Requests are SigV4-checked exactly like the shadow data plane.
 *
 * <p>Threads: handlers run on a Vert.x event loop, parse, and hand the work to the {@link ThingRegistry}; the
 * answer is written from the registry's thread through the request's own context.
 */
public final class RegistryHttpRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far above what 50 attributes of 800 characters take; larger bodies are refused before parsing. */
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final ThingRegistry registry;
    private final SigV4Verifier signatures;
    private final RegistryRequests requests = new RegistryRequests();

    /** @param signatures checks every request's SigV4 signature; null to take unsigned requests */
    public RegistryHttpRoutes(ThingRegistry registry, SigV4Verifier signatures) {
        this.registry = registry;
        this.signatures = signatures;
    }

    public void mount(Router router) {
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        router.route("/things/:thingName").handler(bodies);
        router.route("/thing-groups/:thingGroupName").handler(bodies);
        router.get("/things").handler(ctx -> handle(ctx, body -> registry.listThings(
                requests.thingFilter(ctx.queryParams()), ctx.queryParams().get("nextToken"),
                RegistryNames.maxResults(ctx.queryParams().get("maxResults")))
                .thenApply(page -> requests.thingList(page, registry.arns()))));
        router.post("/things/:thingName").handler(ctx -> handle(ctx, body -> {
            JsonNode request = requests.object(body);
            return registry.createThing(ctx.pathParam("thingName"), requests.text(request, "thingTypeName"),
                            requests.attributes(request.path("attributePayload"), "attributePayload"),
                            requests.text(request, "billingGroupName"))
                    .thenApply(thing -> JSON.createObjectNode().put("thingName", thing.name())
                            .put("thingArn", registry.arns().thing(thing.name()))
                            .put("thingId", thing.id().toString()));
        }));
        router.get("/things/:thingName").handler(ctx -> handle(ctx, body ->
                registry.describeThing(ctx.pathParam("thingName")).thenApply(thing ->
                        requests.thing(thing, registry.arns()).put("defaultClientId", thing.name())
                                .put("thingId", thing.id().toString()))));
        router.patch("/things/:thingName").handler(ctx -> handle(ctx, body ->
                registry.updateThing(ctx.pathParam("thingName"), requests.thingUpdate(requests.object(body)))
                        .thenApply(thing -> JSON.createObjectNode())));
        router.delete("/things/:thingName").handler(ctx -> handle(ctx, body ->
                registry.deleteThing(ctx.pathParam("thingName"),
                                requests.longParameter(ctx.queryParams(), "expectedVersion"))
                        .thenApply(done -> JSON.createObjectNode())));
        router.put("/thing-groups/addThingToThingGroup").handler(ctx -> handle(ctx, body -> {
            JsonNode request = requests.object(body);
            return registry.addThingToThingGroup(
                            requests.nameOrArn(request, "thingGroupName", "thingGroupArn",
                                    registry.arns()::thingGroupName),
                            requests.nameOrArn(request, "thingName", "thingArn", registry.arns()::thingName))
                    .thenApply(done -> JSON.createObjectNode());
        }));
        router.post("/thing-groups/:thingGroupName").handler(ctx -> handle(ctx, body -> {
            JsonNode request = requests.object(body);
            requests.refuseTags(request);
            JsonNode properties = request.path("thingGroupProperties");
            return registry.createThingGroup(ctx.pathParam("thingGroupName"),
                            requests.text(request, "parentGroupName"),
                            requests.text(properties, "thingGroupDescription"),
                            requests.attributes(properties.path("attributePayload"),
                                    "thingGroupProperties.attributePayload"))
                    .thenApply(group -> JSON.createObjectNode().put("thingGroupName", group.name())
                            .put("thingGroupArn", registry.arns().thingGroup(group.name()))
                            .put("thingGroupId", group.id().toString()));
        }));
        router.get("/thing-groups/:thingGroupName/things").handler(ctx -> handle(ctx, body ->
                registry.listThingsInThingGroup(ctx.pathParam("thingGroupName"),
                                requests.booleanParameter(ctx.queryParams(), "recursive"),
                                ctx.queryParams().get("nextToken"),
                                RegistryNames.maxResults(ctx.queryParams().get("maxResults")))
                        .thenApply(requests::nameList)));
    }

    /**
     * Checks the signature, runs {@code operation} on the raw body and writes its JSON answer, or AWS's error for a
     * refusal (thrown while parsing, or a failed future).
     */
    private void handle(RoutingContext ctx, Function<byte[], CompletableFuture<ObjectNode>> operation) {
        Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
        byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
        if (signatures != null) {
            var request = ctx.request();
            var problem = signatures.check(request.method().name(), request.path(), request.query(),
                    request::getHeader, body);
            if (problem.isPresent()) {
                sendError(ctx, 403, "UnauthorizedException", JSON.createObjectNode().put("message", problem.get()));
                return;
            }
        }
        CompletableFuture<ObjectNode> answer;
        try {
            answer = operation.apply(body);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        var context = ctx.vertx().getOrCreateContext();
        answer.whenComplete((result, failure) -> context.runOnContext(ignored -> {
            if (failure == null) {
                ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .end(result.toString());
            } else {
                sendFailure(ctx, failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        }));
    }

    private static void sendFailure(RoutingContext ctx, Throwable failure) {
        if (failure instanceof RegistryException refused) {
            ObjectNode body = JSON.createObjectNode().put("message", refused.getMessage());
            if (refused.resourceId() != null) {
                body.put("resourceId", refused.resourceId()).put("resourceArn", refused.resourceArn());
            }
            sendError(ctx, refused.type().status(), refused.type().awsName(), body);
            return;
        }
        LOG.error("registry request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
        sendError(ctx, 500, "InternalFailureException",
                JSON.createObjectNode().put("message", "Internal service failure"));
    }

    private static void sendError(RoutingContext ctx, int status, String type, ObjectNode body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .putHeader("x-amzn-ErrorType", type).end(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serializes", e);
        }
    }
}
