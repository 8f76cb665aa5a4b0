package io.fleet.cloud.console;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The ops console: static HTML, CSS and JavaScript from the classpath folder {@code console}, with
 * {@code index.html} at {@code /} and the other files under {@code /console/}, so the console never shadows an
 * API path and other routes never pay for a file lookup. The page talks to the app API ({@code /api/...}) with the
 * operator's bearer token; nothing here checks tokens, since the files hold no data.
 *
 * <p>Files are served as {@link StaticFiles} says; the content security policy allows only this origin: the
 * console works without any outside network.
 */
public final class ConsoleRoutes {

    static final String WEB_ROOT = "console";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public void mount(Router router) {
        StaticHandler files = StaticFiles.from(WEB_ROOT);
        Handler<RoutingContext> headers = StaticFiles.headers(CONTENT_SECURITY_POLICY);
        router.get("/").handler(headers).handler(files);
        router.get("/console/*").handler(headers).handler(files);
    }
}
