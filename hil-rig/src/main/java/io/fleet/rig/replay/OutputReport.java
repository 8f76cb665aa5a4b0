package io.fleet.rig.replay;

import org.HdrHistogram.Histogram;

/**
 * What one output did during a replay.
 *
 * @param sent            records handed to the output without error
 * @param dropped         records that could not be sent (send errors)
 * @param lateness        actual send time minus deadline, nanoseconds (values above the histogram range clamp)
 * @param firstSecondLateness the same for the frames due in the first second of the timeline
 * @param framesPerSecond records sent in each second of the timeline
 * @param sourceStalls    waits for the next record to be queued (the reader behind the timeline)
 * @param firstSecondSourceStalls the same for the waits that began in the first second of the timeline
 * @param lastError       the last send error, or null
 */
public record OutputReport(String name, long sent, long dropped, Histogram lateness,
                           Histogram firstSecondLateness, long[] framesPerSecond, SourceStalls sourceStalls,
                           SourceStalls firstSecondSourceStalls, String lastError) {
}
