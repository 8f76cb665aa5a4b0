package io.fleet.cloud.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The ops console: static HTML, CSS and JavaScript from the classpath folder {@code console}, with
 * {@code index.html} at {@code /} and the other files under {@code /console/}, so the console never shadows an
 * API path and other routes never pay for a file lookup. The page talks to the app API ({@code /api/...}) with the
 * operator's bearer token; nothing here checks tokens, since the files hold no data.
 *
 * <p>Responses are revalidated on every load ({@code no-cache} with {@code Last-Modified}), so a new service
 * version's console is picked up at once while unchanged files answer 304. The content security policy allows
 * only this origin: the console works without any outside network.
 */
public final class ConsoleRoutes {

    static final String WEB_ROOT = "console";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public void mount(Router router) {
        StaticHandler files = StaticHandler.create(WEB_ROOT)
                .setDefaultContentEncoding("UTF-8")
                .setCachingEnabled(true)
                .setDirectoryListing(false)
                .setIncludeHidden(false);
        router.get("/").handler(ConsoleRoutes::headers).handler(files);
        router.get("/console/*").handler(ConsoleRoutes::headers).handler(files);
    }

    private static void headers(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> ctx.response().headers()
                .set("Cache-Control", "no-cache")
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer"));
        ctx.next();
    }
}
