package io.fleet.rig.capture;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.rig.replay.SendObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Pairs each request with the first response that arrives after it, per rule, in order: a response answers the
 * oldest open request. A request open longer than the timeout counts as unanswered, so one lost answer does not
 * shift every later pairing.
 *
 * <p>Thread-safe: {@link #onSent} runs on sender threads, {@link #onReceived} on receiver threads.
 */
public final class ResponseMatcher implements SendObserver {

    private static final long MAX_LATENCY_NANOS = 60_000_000_000L;

    private final List<RuleState> rules = new ArrayList<>();
    private final long timeoutNanos;

    public ResponseMatcher(List<MatchRule> matchRules, long timeoutNanos) {
        for (MatchRule rule : matchRules) {
            rules.add(new RuleState(rule));
        }
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public synchronized void onSent(String output, BusRecord record, long sentAtNanos) {
        if (record instanceof CanFrame frame) {
            for (RuleState state : rules) {
                if (state.rule.requestId() == frame.id()) {
                    state.expire(sentAtNanos, timeoutNanos);
                    state.open.addLast(sentAtNanos);
                    state.requests++;
                }
            }
        }
    }

    public synchronized void onReceived(BusRecord record, long receivedAtNanos) {
        if (record instanceof CanFrame frame) {
            for (RuleState state : rules) {
                if (state.rule.responseId() == frame.id()) {
                    state.expire(receivedAtNanos, timeoutNanos);
                    Long sentAt = state.open.pollFirst();
                    if (sentAt != null) {
                        state.matched++;
                        state.latency.recordValue(Math.min(Math.max(receivedAtNanos - sentAt, 0),
                                MAX_LATENCY_NANOS));
                    }
                }
            }
        }
    }

    /** Results so far; requests still open count as unanswered. */
    public synchronized List<ResponseLatency> results() {
        List<ResponseLatency> results = new ArrayList<>();
        for (RuleState state : rules) {
            results.add(new ResponseLatency(state.rule, state.requests, state.matched,
                    state.unanswered + state.open.size(), state.latency.copy()));
        }
        return results;
    }

    private static final class RuleState {
        final MatchRule rule;
        final ArrayDeque<Long> open = new ArrayDeque<>();
        final Histogram latency = new Histogram(MAX_LATENCY_NANOS, 3);
        long requests;
        long matched;
        long unanswered;

        RuleState(MatchRule rule) {
            this.rule = rule;
        }

        void expire(long now, long timeoutNanos) {
            while (!open.isEmpty() && now - open.peekFirst() > timeoutNanos) {
                open.pollFirst();
                unanswered++;
            }
        }
    }
}
