package io.fleet.rig.capture;

import org.HdrHistogram.Histogram;

/**
 * How the DUT answered one kind of request.
 *
 * @param requests   stimuli sent
 * @param matched    stimuli that got a response within the timeout
 * @param unanswered stimuli without a response within the timeout (or still open at the end)
 * @param latency    response time minus request send time, nanoseconds
 */
public record ResponseLatency(MatchRule rule, long requests, long matched, long unanswered, Histogram latency) {
}
