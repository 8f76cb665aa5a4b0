package io.fleet.cloud.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the errors of HTTP requests once per kind, so that a client sending the same bad request in a loop cannot
 * flood the log: the first error of a kind is logged in one line (at WARN for a client's mistake, at ERROR with its
 * stack trace for a failure of ours, whose cause someone must be able to find), every later one only at DEBUG with
 * how many of its kind there have been. Kinds are few and fixed by the code (a status and an exception class, never
 * a path or anything else the client chooses), so the map of counters stays small.
 *
 * <p>Thread-safe; called from the Vert.x event loops.
 */
final class RouterErrorLog {

    private static final Logger LOG = LoggerFactory.getLogger(RouterErrorLog.class);

    private final ConcurrentMap<String, AtomicLong> seen = new ConcurrentHashMap<>();

    /** A request the client got wrong (a 4xx answer), described in {@code line}. */
    void clientError(String kind, String line) {
        long count = count(kind);
        if (count == 1) {
            LOG.warn("{} (logged once; later ones of this kind only at DEBUG)", line);
        } else {
            LOG.debug("{} ({} of this kind so far)", line, count);
        }
    }

    /** A request we failed (a 5xx answer): the first of its kind with the stack trace, later ones counted. */
    void serverError(String kind, String line, Throwable failure) {
        long count = count(kind);
        if (count == 1) {
            LOG.error("{} (stack trace logged once; later ones of this kind only at DEBUG)", line, failure);
        } else {
            LOG.debug("{} ({} of this kind so far): {}", line, count, String.valueOf(failure));
        }
    }

    private long count(String kind) {
        return seen.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }
}
