package io.fleet.cloud.shadow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.async.AsyncFailures;
import io.fleet.model.shadow.ClientToken;
import io.fleet.model.shadow.GetOrDeleteRequest;
import io.fleet.model.shadow.ShadowEngine;
import io.fleet.model.shadow.ShadowError;
import io.fleet.model.shadow.ShadowErrorType;
import io.fleet.model.shadow.ShadowId;
import io.fleet.model.shadow.ShadowJson;
import io.fleet.model.shadow.ShadowName;
import io.fleet.model.shadow.ShadowRequestParser;
import io.fleet.model.shadow.ShadowResult;
import io.fleet.model.shadow.ShadowTopic;
import io.fleet.model.shadow.StoredShadow;
import io.fleet.model.shadow.ThingName;
import io.fleet.model.shadow.UpdateRequest;
import io.fleet.model.shadow.UpdateResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Device Shadow service: validates a request, runs it through the {@link ShadowEngine} on the shadow's commit
 * lane, and once the change is durable publishes what AWS IoT publishes ({@code /accepted} or {@code /rejected},
 * {@code /update/delta}, {@code /update/documents}) and hands the answer back to the caller. MQTT and HTTP
 * requests take the same path, so a change over HTTP produces the same MQTT messages.
 *
 * <p>Threads: {@link #request} parses on the caller's thread (an MQTT callback or HTTP event loop) and never
 * blocks; the engine runs and messages are published on the lane thread.
 */
public final class ShadowService {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShadowCommitLanes lanes;
    private final ShadowRepository repository;
    private final ShadowPublisher publisher;
    private final Clock clock;
    private final Executor blockingReads;
    private final MeterRegistry metrics;
    private final ShadowEngine engine = new ShadowEngine();
    private final ShadowRequestParser parser = new ShadowRequestParser();

    public ShadowService(ShadowCommitLanes lanes, ShadowRepository repository, ShadowPublisher publisher,
                         Clock clock, Executor blockingReads, MeterRegistry metrics) {
        this.lanes = lanes;
        this.repository = repository;
        this.publisher = publisher;
        this.clock = clock;
        this.blockingReads = blockingReads;
        this.metrics = metrics;
    }

    /**
     * Handles one request. {@code shadowName} is null for the classic shadow; an empty one is invalid (400).
     * {@code viaMqtt} decides whether a rejection and a get's answer are published too (over HTTP they are only
     * returned, as in AWS IoT).
     */
    public CompletableFuture<ShadowReply> request(ShadowOperation operation, String thingName, String shadowName,
                                                  byte[] payload, boolean viaMqtt) {
        Timer.Sample sample = Timer.start(metrics);
        long now = clock.millis() / 1000;
        Optional<ShadowId> id = shadowId(thingName, shadowName);
        CompletableFuture<Outcome> outcome;
        if (id.isEmpty()) {
            String what = ThingName.isValid(thingName) ? "shadow name" : "thing name";
            outcome = CompletableFuture.completedFuture(Outcome.rejected(
                    new ShadowError(ShadowErrorType.INVALID_JSON, "Invalid " + what, now, Optional.empty())));
        } else {
            outcome = switch (operation) {
                case UPDATE -> update(id.get(), payload, now);
                case GET -> get(id.get(), payload, now);
                case DELETE -> delete(id.get(), payload, now);
            };
        }
        return outcome.exceptionally(failure -> Outcome.rejected(failureError(failure, now)))
                .thenApply(result -> {
                    id.ifPresent(shadow -> publish(shadow, operation, result, viaMqtt));
                    sample.stop(metrics.timer("fleet.shadow.requests", "operation", operation.topicSuffix(),
                            "outcome", result.reply().accepted() ? "accepted" : "rejected",
                            "transport", viaMqtt ? "mqtt" : "http"));
                    return result.reply();
                });
    }

    /**
     * Answers an MQTT request the service cannot serve (see {@link ShadowRequestTopic.Unservable}) as AWS answers a
     * bad request: {@code {"code":400,"message":...,"timestamp":...,"clientToken":...}} on its {@code /rejected}
     * topic, with the request's client token when the payload carries a valid one. Nothing is stored.
     */
    public CompletableFuture<ShadowReply> reject(ShadowRequestTopic.Unservable request, byte[] payload) {
        long now = clock.millis() / 1000;
        ShadowResult<GetOrDeleteRequest> parsed = parser.parseGetOrDelete(payload, now);
        Optional<ClientToken> token = parsed.isAccepted() ? parsed.value().clientToken() : Optional.empty();
        ShadowError error = new ShadowError(ShadowErrorType.INVALID_JSON, request.message(), now, token);
        ShadowReply reply = new ShadowReply(error.code(), ShadowJson.bytes(error));
        publisher.publish(request.rejectedTopic(), reply.body());
        metrics.counter("fleet.shadow.requests.unservable").increment();
        return CompletableFuture.completedFuture(reply);
    }

    /** ListNamedShadowsForThing: {"results": [...], "nextToken": ..., "timestamp": ...}. */
    public CompletableFuture<ShadowReply> listNamedShadows(String thingName, String nextToken, int pageSize) {
        long now = clock.millis() / 1000;
        if (!ThingName.isValid(thingName)) {
            return CompletableFuture.completedFuture(errorReply(400, "Invalid thing name"));
        }
        int offset;
        try {
            offset = nextToken == null || nextToken.isEmpty() ? 0 : Integer.parseInt(nextToken);
        } catch (NumberFormatException e) {
            return CompletableFuture.completedFuture(errorReply(400, "Invalid nextToken"));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                List<String> page = repository.namedShadows(thingName, offset, pageSize + 1);
                ObjectNode body = JSON.createObjectNode();
                var results = body.putArray("results");
                page.stream().limit(pageSize).forEach(results::add);
                if (page.size() > pageSize) {
                    body.put("nextToken", Integer.toString(offset + pageSize));
                }
                body.put("timestamp", now);
                return new ShadowReply(200, JSON.writeValueAsBytes(body));
            } catch (SQLException | IOException e) {
                throw new CompletionException(e);
            }
        }, blockingReads).exceptionally(e -> errorReply(500, ShadowErrorType.INTERNAL_FAILURE.message()));
    }

    /** An AWS-shaped error answer for failures found outside the engine (HTTP routing, bad paging). */
    public ShadowReply errorReply(int code, String message) {
        ObjectNode body = JSON.createObjectNode().put("code", code).put("message", message)
                .put("timestamp", clock.millis() / 1000);
        try {
            return new ShadowReply(code, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<Outcome> update(ShadowId id, byte[] payload, long now) {
        ShadowResult<UpdateRequest> parsed = parser.parseUpdate(payload, now);
        if (!parsed.isAccepted()) {
            return CompletableFuture.completedFuture(Outcome.rejected(parsed.error()));
        }
        return lanes.submit(key(id), current -> {
            ShadowResult<UpdateResult> result = engine.update(stored(current),
                    current.map(row -> row.versionToContinue(now)).orElse(0L), parsed.value(), now);
            if (!result.isAccepted()) {
                return ShadowTransaction.Step.answer(Outcome.rejected(result.error()));
            }
            UpdateResult update = result.value();
            StoredShadow after = update.shadow();
            List<Message> extra = new ArrayList<>(2);
            update.delta().ifPresent(d -> extra.add(new Message(ShadowTopic.UPDATE_DELTA, ShadowJson.bytes(d))));
            extra.add(new Message(ShadowTopic.UPDATE_DOCUMENTS, ShadowJson.bytes(update.documents())));
            Outcome outcome = new Outcome(new ShadowReply(200, ShadowJson.bytes(update.accepted())), extra);
            return ShadowTransaction.Step.write(ShadowRow.of(after), outcome);
        });
    }

    private CompletableFuture<Outcome> get(ShadowId id, byte[] payload, long now) {
        ShadowResult<GetOrDeleteRequest> parsed = parser.parseGetOrDelete(payload, now);
        if (!parsed.isAccepted()) {
            return CompletableFuture.completedFuture(Outcome.rejected(parsed.error()));
        }
        Optional<ClientToken> token = parsed.value().clientToken();
        return lanes.submit(key(id), current -> ShadowTransaction.Step.answer(
                engine.get(id, stored(current), token, now).fold(
                        accepted -> Outcome.accepted(ShadowJson.bytes(accepted)), Outcome::rejected)));
    }

    private CompletableFuture<Outcome> delete(ShadowId id, byte[] payload, long now) {
        ShadowResult<GetOrDeleteRequest> parsed = parser.parseGetOrDelete(payload, now);
        if (!parsed.isAccepted()) {
            return CompletableFuture.completedFuture(Outcome.rejected(parsed.error()));
        }
        GetOrDeleteRequest request = parsed.value();
        return lanes.submit(key(id), current -> engine.delete(id, stored(current), request.version(),
                request.clientToken(), now).fold(
                        accepted -> ShadowTransaction.Step.delete(ShadowRow.tombstone(accepted.version(), now),
                                Outcome.accepted(ShadowJson.bytes(accepted))),
                        error -> ShadowTransaction.Step.answer(Outcome.rejected(error))));
    }

    private void publish(ShadowId id, ShadowOperation operation, Outcome outcome, boolean viaMqtt) {
        ShadowTopic request = switch (operation) {
            case GET -> ShadowTopic.GET;
            case UPDATE -> ShadowTopic.UPDATE;
            case DELETE -> ShadowTopic.DELETE;
        };
        if (outcome.reply().accepted()) {
            if (viaMqtt || operation != ShadowOperation.GET) {
                publisher.publish(id.topic(request.accepted().orElseThrow()), outcome.reply().body());
            }
            outcome.extra().forEach(m -> publisher.publish(id.topic(m.topic()), m.payload()));
        } else if (viaMqtt) {
            publisher.publish(id.topic(request.rejected().orElseThrow()), outcome.reply().body());
        }
    }

    private ShadowError failureError(Throwable failure, long now) {
        Throwable cause = AsyncFailures.unwrap(failure);
        if (cause instanceof ShadowCommitLanes.LaneFullException) {
            return ShadowError.of(ShadowErrorType.THROTTLED, now, Optional.empty());
        }
        LOG.error("shadow request failed", cause);
        return ShadowError.of(ShadowErrorType.INTERNAL_FAILURE, now, Optional.empty());
    }

    private static Optional<ShadowId> shadowId(String thingName, String shadowName) {
        if (!ThingName.isValid(thingName)) {
            return Optional.empty();
        }
        if (shadowName == null) {
            return Optional.of(ShadowId.classic(ThingName.of(thingName)));
        }
        // An empty name (HTTP "?name=") is an invalid name, not the classic shadow: it must not write there.
        return ShadowName.isValid(shadowName)
                ? Optional.of(ShadowId.named(ThingName.of(thingName), ShadowName.of(shadowName)))
                : Optional.empty();
    }

    private static ShadowKey key(ShadowId id) {
        return new ShadowKey(id.thing().value(), id.name().map(ShadowName::value).orElse(ShadowKey.CLASSIC));
    }

    /** The live shadow of a row; a tombstone is no shadow. */
    private static Optional<StoredShadow> stored(Optional<ShadowRow> row) {
        return row.flatMap(ShadowRow::shadow);
    }

    /** What the caller gets back and what else is published once the request is durable. */
    private record Outcome(ShadowReply reply, List<Message> extra) {
        static Outcome accepted(byte[] body) {
            return new Outcome(new ShadowReply(200, body), List.of());
        }

        static Outcome rejected(ShadowError error) {
            return new Outcome(new ShadowReply(error.code(), ShadowJson.bytes(error)), List.of());
        }
    }

    private record Message(ShadowTopic topic, byte[] payload) {
    }
}
