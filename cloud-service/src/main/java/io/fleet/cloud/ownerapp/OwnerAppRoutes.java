package io.fleet.cloud.ownerapp;

import io.fleet.cloud.console.StaticFiles;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The owner web app at {@code /app/}: an installable page (web manifest, a service worker that keeps the shell for
 * offline use) from the classpath folder {@code app}, talking to the app API with the owner's token. It shares the
 * console's pure helpers ({@code /console/js/api.js}, {@code dom.js}, {@code shadow.js}). {@code /app} redirects to
 * {@code /app/} so that relative URLs and the service worker's scope agree.
 *
 * <p>The content security policy allows only this origin (the manifest and the worker included): the app never
 * fetches anything from the internet; a location is shown as coordinates and a link, never as map tiles.
 */
public final class OwnerAppRoutes {

    static final String WEB_ROOT = "app";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'";

    public void mount(Router router) {
        StaticHandler files = StaticFiles.from(WEB_ROOT);
        Handler<RoutingContext> headers = StaticFiles.headers(CONTENT_SECURITY_POLICY);
        router.get("/app").handler(OwnerAppRoutes::toSlash);
        // a route ending in * serves the path below it: /app/js/car.js is app/js/car.js on the class path
        router.get("/app/*").handler(headers).handler(files);
    }

    /** Vert.x matches {@code /app/} to this route too; only the bare {@code /app} is redirected. */
    private static void toSlash(RoutingContext ctx) {
        if (ctx.request().path().equals("/app")) {
            ctx.response().setStatusCode(302).putHeader("Location", "/app/").end();
        } else {
            ctx.next();
        }
    }
}
