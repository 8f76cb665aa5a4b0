package io.fleet.cloud.ownerapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.config.AppConfig;
import io.fleet.cloud.console.StaticFiles;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The owner web app at {@code /app/}: an installable page (web manifest, a service worker that keeps the shell for
 * offline use) from the classpath folder {@code app}, talking to the app API with the owner's token. It shares the
 * console's pure helpers ({@code /console/js/api.js}, {@code dom.js}, {@code shadow.js}, {@code pin.js}).
 * {@code /app} redirects to {@code /app/} so that relative URLs and the service worker's scope agree.
 *
 * <p>The content security policy allows only this origin (the manifest and the worker included), and images from the
 * map tile server of {@code app.mapTiles} when one is set; {@code /app/config.json} tells the page that template.
 * Without one, a location is shown as coordinates and a link.
 */
public final class OwnerAppRoutes {

    static final String WEB_ROOT = "app";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppConfig settings;

    public OwnerAppRoutes() {
        this(AppConfig.defaults());
    }

    public OwnerAppRoutes(AppConfig settings) {
        this.settings = settings;
    }

    /** This origin only; images also from the tile server's origin, if one is configured. */
    String contentSecurityPolicy() {
        String images = "'self' data:" + settings.tilesOrigin().map(origin -> " " + origin).orElse("");
        return "default-src 'self'; img-src " + images + "; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'";
    }

    public void mount(Router router) {
        StaticHandler files = StaticFiles.from(WEB_ROOT);
        Handler<RoutingContext> headers = StaticFiles.headers(contentSecurityPolicy());
        String config = JSON.createObjectNode().put("mapTiles", settings.mapTiles()).toString();
        router.get("/app").handler(OwnerAppRoutes::toSlash);
        router.get("/app/config.json").handler(headers).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json").end(config));
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
