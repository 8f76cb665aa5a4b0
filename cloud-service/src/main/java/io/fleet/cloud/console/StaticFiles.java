package io.fleet.cloud.console;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * How the service's web pages (the ops console, the owner app) are served from a classpath folder: revalidated on
 * every load ({@code no-cache} with {@code Last-Modified}), so a new service version's files are picked up at once
 * while unchanged files answer 304, with a content security policy that allows only this origin.
 */
public final class StaticFiles {

    private StaticFiles() {
    }

    /** The files of the classpath folder {@code root}, no directory listings, no hidden files. */
    public static StaticHandler from(String root) {
        return StaticHandler.create(root)
                .setDefaultContentEncoding("UTF-8")
                .setCachingEnabled(true)
                .setDirectoryListing(false)
                .setIncludeHidden(false);
    }

    /** Sets the caching and security headers on whatever the next handler answers. */
    public static Handler<RoutingContext> headers(String contentSecurityPolicy) {
        return ctx -> {
            ctx.addHeadersEndHandler(v -> ctx.response().headers()
                    .set("Cache-Control", "no-cache")
                    .set("Content-Security-Policy", contentSecurityPolicy)
                    .set("X-Content-Type-Options", "nosniff")
                    .set("Referrer-Policy", "no-referrer"));
            ctx.next();
        };
    }
}
