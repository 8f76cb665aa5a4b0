package io.fleet.cloud.api;

import io.fleet.cloud.http.ApiErrors;
import io.fleet.cloud.vehicles.VehicleEvent;
import io.fleet.cloud.vehicles.Vehicles;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * One client's Server-Sent Events stream of a vehicle: first the whole vehicle ({@code vehicle}), then every
 * {@code shadow}, {@code presence} and {@code command} event, and a comment every 15 s so proxies keep the stream
 * open. Events that arrive before the first one is written are held back, so none is lost or reordered.
 *
 * <p>Threads: events arrive on the vehicle-events or a worker thread and are written on the request's event-loop
 * context.
 */
final class VehicleEventStream {

    private static final long KEEPALIVE_MILLIS = 15_000;

    private final Vehicles vehicles;
    private final RoutingContext ctx;
    private final Context context;
    private final Queue<VehicleEvent> early = new ArrayDeque<>();
    private boolean started;
    private AutoCloseable subscription;
    private long timer = -1;

    VehicleEventStream(Vehicles vehicles, RoutingContext ctx) {
        this.vehicles = vehicles;
        this.ctx = ctx;
        this.context = ctx.vertx().getOrCreateContext();
    }

    void start() {
        String vin = AppApiRoutes.vin(ctx);
        try {
            subscription = vehicles.subscribe(AppApiRoutes.user(ctx), vin,
                    event -> context.runOnContext(v -> onEvent(event)));
        } catch (RuntimeException e) {
            ApiErrors.fail(ctx, e);
            return;
        }
        vehicles.get(AppApiRoutes.user(ctx), vin).whenComplete((view, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                close();
                ApiErrors.fail(ctx, failure);
                return;
            }
            HttpServerResponse response = ctx.response().setChunked(true)
                    .putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
            response.closeHandler(x -> close());
            write("vehicle", ApiJson.vehicle(view).toString());
            started = true;
            while (!early.isEmpty()) {
                onEvent(early.poll());
            }
            timer = ctx.vertx().setPeriodic(KEEPALIVE_MILLIS, id -> {
                if (!response.closed()) {
                    response.write(": keepalive\n\n");
                }
            });
        }));
    }

    private void onEvent(VehicleEvent event) {
        if (!started) {
            early.add(event);
            return;
        }
        String[] nameAndData = ApiJson.event(event);
        write(nameAndData[0], nameAndData[1]);
    }

    private void write(String event, String data) {
        HttpServerResponse response = ctx.response();
        if (!response.closed() && !response.ended()) {
            response.write("event: " + event + "\ndata: " + data + "\n\n");
        }
    }

    private void close() {
        if (timer >= 0) {
            ctx.vertx().cancelTimer(timer);
        }
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception ignored) {
            // the hub's handle does not fail
        }
    }
}
