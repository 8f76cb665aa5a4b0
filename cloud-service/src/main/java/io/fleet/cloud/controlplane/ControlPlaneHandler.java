package io.fleet.cloud.controlplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.http.SigV4Verifier;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one AWS IoT control-plane request (registry, jobs): checks its SigV4 signature as the shadow data plane
 * does, hands the raw body to the operation and writes its JSON answer, or AWS's error: status,
 * {@code {"message":...}} (plus {@code resourceId}/{@code resourceArn} for an existing resource) and
 * {@code x-amzn-ErrorType}, which the SDK maps to its typed exceptions. Any other failure is logged and answered 500
 * {@code InternalFailureException}.
 *
 * <p>Threads: called on a Vert.x event loop; the answer is written on the request's own context, whichever thread
 * completes the operation's future.
 */
public final class ControlPlaneHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SigV4Verifier signatures;

    /** @param signatures checks every request's SigV4 signature; null to take unsigned requests */
    public ControlPlaneHandler(SigV4Verifier signatures) {
        this.signatures = signatures;
    }

    /** {@code operation} may also throw a {@link ControlPlaneException} while it parses: answered the same way. */
    public void handle(RoutingContext ctx, Function<byte[], CompletableFuture<ObjectNode>> operation) {
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
        if (failure instanceof ControlPlaneException refused) {
            ObjectNode body = JSON.createObjectNode().put("message", refused.getMessage());
            if (refused.resourceId() != null) {
                body.put("resourceId", refused.resourceId()).put("resourceArn", refused.resourceArn());
            }
            sendError(ctx, refused.type().status(), refused.type().awsName(), body);
            return;
        }
        LOG.error("control-plane request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
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
