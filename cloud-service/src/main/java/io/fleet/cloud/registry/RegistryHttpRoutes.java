package io.fleet.cloud.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.controlplane.ControlPlaneHandler;
import io.fleet.cloud.controlplane.RequestFields;
import io.fleet.cloud.http.SigV4Verifier;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

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

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far above what 50 attributes of 800 characters take; larger bodies are refused before parsing. */
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final ThingRegistry registry;
    private final ControlPlaneHandler handler;
    private final RegistryRequests requests = new RegistryRequests();

    /** @param signatures checks every request's SigV4 signature; null to take unsigned requests */
    public RegistryHttpRoutes(ThingRegistry registry, SigV4Verifier signatures) {
        this.registry = registry;
        this.handler = new ControlPlaneHandler(signatures);
    }

    public void mount(Router router) {
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        router.route("/things/:thingName").handler(bodies);
        router.route("/thing-groups/:thingGroupName").handler(bodies);
        router.get("/things").handler(ctx -> handler.handle(ctx, body -> registry.listThings(
                requests.thingFilter(ctx.queryParams()), ctx.queryParams().get("nextToken"),
                maxResults(ctx))
                .thenApply(page -> requests.thingList(page, registry.arns()))));
        router.post("/things/:thingName").handler(ctx -> handler.handle(ctx, body -> {
            JsonNode request = RequestFields.object(body);
            return registry.createThing(ctx.pathParam("thingName"), RequestFields.text(request, "thingTypeName"),
                            requests.attributes(request.path("attributePayload"), "attributePayload"),
                            RequestFields.text(request, "billingGroupName"))
                    .thenApply(thing -> JSON.createObjectNode().put("thingName", thing.name())
                            .put("thingArn", registry.arns().thing(thing.name()))
                            .put("thingId", thing.id().toString()));
        }));
        router.get("/things/:thingName").handler(ctx -> handler.handle(ctx, body ->
                registry.describeThing(ctx.pathParam("thingName")).thenApply(thing ->
                        requests.thing(thing, registry.arns()).put("defaultClientId", thing.name())
                                .put("thingId", thing.id().toString()))));
        router.patch("/things/:thingName").handler(ctx -> handler.handle(ctx, body ->
                registry.updateThing(ctx.pathParam("thingName"), requests.thingUpdate(RequestFields.object(body)))
                        .thenApply(thing -> JSON.createObjectNode())));
        router.delete("/things/:thingName").handler(ctx -> handler.handle(ctx, body ->
                registry.deleteThing(ctx.pathParam("thingName"),
                                RequestFields.longParameter(ctx.queryParams(), "expectedVersion"))
                        .thenApply(done -> JSON.createObjectNode())));
        router.put("/thing-groups/addThingToThingGroup").handler(ctx -> handler.handle(ctx, body -> {
            JsonNode request = RequestFields.object(body);
            return registry.addThingToThingGroup(
                            requests.nameOrArn(request, "thingGroupName", "thingGroupArn",
                                    registry.arns()::thingGroupName),
                            requests.nameOrArn(request, "thingName", "thingArn", registry.arns()::thingName))
                    .thenApply(done -> JSON.createObjectNode());
        }));
        router.post("/thing-groups/:thingGroupName").handler(ctx -> handler.handle(ctx, body -> {
            JsonNode request = RequestFields.object(body);
            requests.refuseTags(request);
            JsonNode properties = request.path("thingGroupProperties");
            return registry.createThingGroup(ctx.pathParam("thingGroupName"),
                            RequestFields.text(request, "parentGroupName"),
                            RequestFields.text(properties, "thingGroupDescription"),
                            requests.attributes(properties.path("attributePayload"),
                                    "thingGroupProperties.attributePayload"))
                    .thenApply(group -> JSON.createObjectNode().put("thingGroupName", group.name())
                            .put("thingGroupArn", registry.arns().thingGroup(group.name()))
                            .put("thingGroupId", group.id().toString()));
        }));
        router.get("/thing-groups/:thingGroupName/things").handler(ctx -> handler.handle(ctx, body ->
                registry.listThingsInThingGroup(ctx.pathParam("thingGroupName"),
                                RequestFields.booleanParameter(ctx.queryParams(), "recursive"),
                                ctx.queryParams().get("nextToken"),
                                maxResults(ctx))
                        .thenApply(requests::nameList)));
    }

    private static int maxResults(RoutingContext ctx) {
        return RequestFields.maxResults(ctx.queryParams().get("maxResults"), RegistryNames.MAX_RESULTS,
                RegistryNames.DEFAULT_MAX_RESULTS);
    }
}
