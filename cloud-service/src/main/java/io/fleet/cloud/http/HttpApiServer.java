package io.fleet.cloud.http;

import io.fleet.cloud.broker.CertificateAndKey;
import io.fleet.cloud.shadow.ShadowService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP listener (Vert.x Web on Netty): the AWS IoT data-plane shadow API, {@code /health},
 * Prometheus metrics at {@code /metrics}, and the routes of the other features (app API, console, Alexa).
 */
public final class HttpApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);

    private final Vertx vertx;
    private final HttpServer server;

    private HttpApiServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * @param signatures checks the SigV4 signature of every data-plane (shadow) request; null takes unsigned ones
     * @param health     answers whether every component the service needs is up, with a short description of each
     */
    public static HttpApiServer start(String host, int port, ShadowService shadows, SigV4Verifier signatures,
                                      PrometheusMeterRegistry metrics, Supplier<HealthReport> health,
                                      List<Consumer<Router>> features) throws Exception {
        return start(host, port, Optional.empty(), shadows, signatures, metrics, health, features);
    }

    /** @param tls the certificate and key to serve HTTPS with; empty: plain HTTP */
    public static HttpApiServer start(String host, int port, Optional<CertificateAndKey> tls, ShadowService shadows,
                                      SigV4Verifier signatures, PrometheusMeterRegistry metrics,
                                      Supplier<HealthReport> health, List<Consumer<Router>> features)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new ShadowHttpRoutes(shadows, signatures).mount(router);
        features.forEach(feature -> feature.accept(router));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
        router.get("/health").handler(ctx -> {
            HealthReport report = health.get();
            ctx.response().setStatusCode(report.up() ? 200 : 503)
                    .putHeader("Content-Type", "application/json").end(report.toJson());
        });
        RouterErrorLog errors = new RouterErrorLog();
        router.route().failureHandler(ctx -> {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            String cause = ctx.failure() == null ? "no exception" : ctx.failure().getClass().getName();
            String line = "HTTP " + ctx.request().method() + " " + ctx.request().path() + " answered " + status
                    + " (" + cause + ")";
            if (status >= 500) {
                errors.serverError(status + " " + cause, line, ctx.failure());
            } else {
                errors.clientError(status + " " + cause, line);
            }
            sendError(ctx.response(), ctx.request().path(), status, shadows);
        });
        try {
            HttpServerOptions options = new HttpServerOptions();
            tls.ifPresent(pair -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(pair.certificate().toString()).setKeyPath(pair.privateKey().toString())));
            HttpServer server = vertx.createHttpServer(options)
                    .requestHandler(request -> RequestPaths.malformedEscape(request.path()).ifPresentOrElse(
                            problem -> {
                                errors.clientError("400 malformed path", "HTTP " + request.method()
                                        + " answered 400: " + problem);
                                sendError(request.response(), request.path(), 400, shadows);
                            },
                            () -> router.handle(request))).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            LOG.info("HTTP API on {}://{}:{}", tls.isPresent() ? "https" : "http", host, server.actualPort());
            return new HttpApiServer(vertx, server);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    /**
     * An error answer in the shape of the API the path belongs to: the app API's ({@link ApiError}), or AWS's for
     * the shadow API and the rest.
     */
    private static void sendError(HttpServerResponse response, String path, int status, ShadowService shadows) {
        String message = status == 413 ? "The payload exceeds the maximum size allowed"
                : status >= 500 ? "Internal service failure" : "Bad request";
        if (path.startsWith("/api/")) {
            ApiErrorType type = ApiErrorType.forStatus(status);
            ApiErrors.send(response, type == ApiErrorType.INTERNAL_ERROR ? ApiError.internal()
                    : ApiError.of(type, message));
            return;
        }
        ShadowHttpRoutes.respond(response, shadows.errorReply(status, message));
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
