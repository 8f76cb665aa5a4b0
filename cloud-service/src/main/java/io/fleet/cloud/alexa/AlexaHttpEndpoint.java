package io.fleet.cloud.alexa;

import com.amazon.ask.model.RequestEnvelope;
import com.amazon.ask.servlet.verifiers.SkillServletVerifier;
import io.fleet.cloud.http.ApiError;
import io.fleet.cloud.http.ApiErrorType;
import io.fleet.cloud.http.ApiErrors;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skill as an HTTPS endpoint: {@code POST /alexa} takes Alexa's request envelope, verifies it
 * ({@link AlexaRequestVerifier}: signature, 150 s timestamp, application id) and answers with the skill's response
 * envelope. Refused requests get 400 (413 for a body over 64 KiB) and a WARN line with the reason; every error is
 * answered as the app API's are ({@link ApiError}).
 *
 * <p>Threads: the route runs on a Vert.x event loop and only hands the body to the skill's workers (a bounded pool:
 * each request may wait about 2.5 s for the car); when every worker is busy and the queue is full the answer is
 * 503. The response is written back on the request's own context.
 */
public final class AlexaHttpEndpoint implements AutoCloseable {

    public static final String PATH = "/alexa";
    static final long MAX_BODY_BYTES = 64 * 1024;
    private static final int WORKERS = 16;
    private static final int QUEUE = 256;
    private static final Logger LOG = LoggerFactory.getLogger(AlexaHttpEndpoint.class);

    private final GenieSkill skill;
    private final AlexaRequestVerifier verifier;
    private final Executor workers;
    private final ExecutorService ownedWorkers;

    /** Production: Amazon's certificate chain over HTTPS, the JVM's trusted CAs, its own bounded worker pool. */
    public AlexaHttpEndpoint(GenieSkill skill, AlexaSettings settings) {
        this(skill, settings, RequestSignatureVerifier.withJvmTrust(
                CertificateChainRetriever.https(Duration.ofSeconds(3)), Clock.systemUTC()), null);
    }

    /** @param workers where the skill runs; null for a pool owned (and closed) by this endpoint */
    AlexaHttpEndpoint(GenieSkill skill, AlexaSettings settings, SkillServletVerifier signature, Executor workers) {
        this.skill = skill;
        this.verifier = AlexaRequestVerifier.of(settings, signature);
        this.ownedWorkers = workers == null ? newWorkerPool() : null;
        this.workers = workers != null ? workers : ownedWorkers;
        if (!settings.verify()) {
            LOG.warn("!!! Alexa request verification is OFF: POST {} accepts unsigned requests from anyone. "
                    + "Use this only for local tries (./fleet demo, fleet alexa), never where Alexa can reach it.",
                    PATH);
        } else if (settings.applicationId() == null) {
            LOG.warn("Alexa: no applicationId configured, so POST {} refuses every request (400)", PATH);
        }
    }

    public void mount(Router router) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(this::handle)
                .failureHandler(AlexaHttpEndpoint::failed);
    }

    /** A request the router failed (a body over the limit) or the skill threw on: answered as any other refusal. */
    private static void failed(RoutingContext ctx) {
        ApiError error;
        if (ctx.statusCode() > 0 && ctx.statusCode() < 500) {
            error = ApiError.of(ApiErrorType.forStatus(ctx.statusCode()), ctx.statusCode() == 413
                    ? "the request exceeds " + MAX_BODY_BYTES / 1024 + " KiB" : "not an Alexa request");
            LOG.warn("Alexa request refused ({}): {}", error.status(), error.message());
        } else {
            error = ApiErrors.from(ctx.failure() != null ? ctx.failure() : new IllegalStateException(
                    "failed with HTTP " + ctx.statusCode()), "POST " + PATH);
        }
        ApiErrors.send(ctx, error);
    }

    private void handle(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        byte[] bytes = body != null ? body.getBytes() : new byte[0];
        String signature = ctx.request().getHeader(SignedRequest.SIGNATURE_HEADER);
        String chainUrl = ctx.request().getHeader(SignedRequest.CERTIFICATE_CHAIN_URL_HEADER);
        CompletableFuture<Reply> reply;
        try {
            reply = CompletableFuture.supplyAsync(() -> answer(bytes, signature, chainUrl), workers);
        } catch (RejectedExecutionException e) {
            LOG.warn("Alexa request refused (503): every skill worker is busy");
            reply = CompletableFuture.completedFuture(Reply.error(ApiError.of(ApiErrorType.SERVICE_UNAVAILABLE,
                    "every skill worker is busy; try again")));
        }
        Future.fromCompletionStage(reply, ctx.vertx().getOrCreateContext())
                .onSuccess(r -> ctx.response().setStatusCode(r.status())
                        .putHeader("Content-Type", "application/json;charset=UTF-8").end(Buffer.buffer(r.body())))
                .onFailure(ctx::fail);
    }

    /** On a worker thread. */
    Reply answer(byte[] body, String signature, String chainUrl) {
        RequestEnvelope envelope;
        try {
            envelope = GenieSkill.parse(body);
        } catch (RuntimeException e) {
            LOG.warn("Alexa request refused (400): the body is not a request envelope: {}", e.getMessage());
            return Reply.error(ApiError.badRequest("not an Alexa request envelope"));
        }
        try {
            verifier.verify(new SignedRequest(body, envelope, signature, chainUrl));
        } catch (SecurityException e) {
            String requestId = envelope.getRequest() != null ? envelope.getRequest().getRequestId() : null;
            LOG.warn("Alexa request {} refused (400): {}", requestId, e.getMessage());
            return Reply.error(ApiError.badRequest("request verification failed"));
        }
        return new Reply(200, GenieSkill.serialize(skill.invoke(envelope)));
    }

    record Reply(int status, byte[] body) {
        static Reply error(ApiError error) {
            return new Reply(error.status(), error.toJson().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static ExecutorService newWorkerPool() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "alexa-skill-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public void close() throws InterruptedException {
        if (ownedWorkers != null) {
            ownedWorkers.shutdown();
            ownedWorkers.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
