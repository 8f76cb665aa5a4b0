package io.fleet.rig.replay;

/**
 * A snapshot for progress display.
 *
 * @param elapsedNanos     time on the timeline since start
 * @param queuedUpToNanos  timeline position (speed applied) of the newest record the reader has queued
 * @param sent             records sent so far, all outputs
 * @param dropped          records dropped so far
 */
public record ReplayProgress(long elapsedNanos, long queuedUpToNanos, long sent, long dropped) {
}
