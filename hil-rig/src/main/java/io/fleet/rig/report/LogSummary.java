package io.fleet.rig.report;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.UdpDatagram;
import io.fleet.model.log.LogReader;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code hil-rig info} prints: record counts, duration, ids and estimated bus load per channel. Built in one
 * streaming pass.
 */
public final class LogSummary {

    /** Per-channel counters. */
    public static final class Channel {
        long canFrames;
        long datagrams;
        long datagramBytes;
        double bitTimes;
        final TreeSet<Integer> ids = new TreeSet<>();

        public long canFrames() {
            return canFrames;
        }

        public long datagrams() {
            return datagrams;
        }

        public TreeSet<Integer> ids() {
            return ids;
        }

        /** Share of the nominal bit rate used over the log's duration (0.35 = 35%). */
        public double busLoad(long nominalBitrate, double durationSeconds) {
            return durationSeconds <= 0 ? 0 : bitTimes / durationSeconds / nominalBitrate;
        }
    }

    private final Map<Integer, Channel> channels = new TreeMap<>();
    private long records;
    private long first = Long.MIN_VALUE;
    private long last = Long.MIN_VALUE;

    public static LogSummary of(LogReader reader, long nominalBitrate, long dataBitrate) throws IOException {
        LogSummary summary = new LogSummary();
        BusRecord record;
        while ((record = reader.next()) != null) {
            summary.add(record, nominalBitrate, dataBitrate);
        }
        return summary;
    }

    private void add(BusRecord record, long nominalBitrate, long dataBitrate) {
        records++;
        first = first == Long.MIN_VALUE ? record.timestampNanos() : Math.min(first, record.timestampNanos());
        last = Math.max(last, record.timestampNanos());
        Channel channel = channels.computeIfAbsent(record.channel(), c -> new Channel());
        if (record instanceof CanFrame frame) {
            channel.canFrames++;
            channel.ids.add(frame.id());
            channel.bitTimes += BusLoad.bitTimes(frame, nominalBitrate, dataBitrate);
        } else if (record instanceof UdpDatagram datagram) {
            channel.datagrams++;
            channel.datagramBytes += datagram.payloadLength();
        }
    }

    public long records() {
        return records;
    }

    public double durationSeconds() {
        return records == 0 ? 0 : (last - first) / 1e9;
    }

    public long firstTimestampNanos() {
        return first;
    }

    public Map<Integer, Channel> channels() {
        return channels;
    }
}
