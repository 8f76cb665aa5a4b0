package io.fleet.cloud.ingest;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.LogReaders;
import io.fleet.model.log.ReadOptions;
import io.fleet.model.log.ReadStats;
import io.fleet.model.log.candump.CandumpReader;
import io.fleet.model.log.mdf.Mdf4File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a drive log with the shared-model readers and summarizes it: format, first and last frame time, frames per
 * channel. Strict: a malformed or truncated file throws {@link LogFormatException} naming the source and the byte or
 * line. The one exception is an unfinalized MF4 (CANedge "UnFinMF") that ends inside a record, as a logger losing
 * power leaves it: its complete records count, with a warning describing the cut.
 */
final class LogSummarizer {

    /** Epoch nanoseconds before 2000-01-01: times relative to the start of the log, not absolute ones. */
    private static final long ABSOLUTE_TIME_FLOOR_NANOS = 946_684_800L * 1_000_000_000L;

    private static final String UNFINALIZED_CUT = "unfinalized MF4 cut short";
    private static final String MALFORMED_SKIPPED = " malformed records skipped";

    private LogSummarizer() {
    }

    /**
     * @param file   the downloaded copy
     * @param source how errors name it (the object's s3:// URL)
     * @param dbcs   the DBCs that decode its signals
     * @param rows   takes every decoded sample as the log streams by
     */
    static LogSummary summarize(Path file, String source, DbcSet dbcs, SignalRowSink rows) throws IOException {
        LogFormat format;
        try {
            format = LogFormat.detect(file);
        } catch (LogFormatException e) {
            throw e.withSource(source);
        }
        try {
            return read(file, format, ReadOptions.strict(), dbcs, rows);
        } catch (LogFormatException strictError) {
            if (format != LogFormat.MDF4 || !unfinalized(file)) {
                throw strictError.withSource(source);
            }
            // the lenient read keeps the records before the cut; anything else wrong still fails the log
            rows.restart();
            LogSummary lenient = read(file, format, ReadOptions.lenientMode(), dbcs, rows);
            if (lenient.warnings().stream().noneMatch(w -> w.startsWith(UNFINALIZED_CUT))
                    || lenient.warnings().stream().anyMatch(w -> w.endsWith(MALFORMED_SKIPPED))) {
                throw strictError.withSource(source);
            }
            return lenient;
        }
    }

    /** An MF4 too broken to tell is not unfinalized: the strict error (naming the object, not the copy) stands. */
    private static boolean unfinalized(Path file) throws IOException {
        try {
            return Mdf4File.read(file).isUnfinalized();
        } catch (LogFormatException e) {
            return false;
        }
    }

    private static LogSummary read(Path file, LogFormat format, ReadOptions options, DbcSet dbcs,
                                   SignalRowSink rows) throws IOException {
        SignalStatistics signals = new SignalStatistics(dbcs, rows);
        Map<Integer, Long> perChannel = new TreeMap<>();
        long frames = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        ReadStats stats;
        Map<Integer, String> names = Map.of();
        try (LogReader reader = LogReaders.open(file, format, options)) {
            for (BusRecord record = reader.next(); record != null; record = reader.next()) {
                frames++;
                perChannel.merge(record.channel(), 1L, Long::sum);
                signals.accept(record);
                first = Math.min(first, record.timestampNanos());
                last = Math.max(last, record.timestampNanos());
            }
            stats = reader.stats();
            if (reader instanceof CandumpReader candump) {
                names = candump.interfaces().namesByChannel();
            }
        }
        List<String> warnings = new ArrayList<>(dbcs.warnings());
        stats.truncation().ifPresent(cut -> warnings.add(UNFINALIZED_CUT + " (a logger losing power leaves "
                + "this): " + cut.describe() + " at byte " + cut.byteOffset() + "; the complete records before it "
                + "are ingested"));
        if (stats.rejected() > (stats.truncation().isPresent() ? 1 : 0)) {
            warnings.add(stats.rejected() + MALFORMED_SKIPPED);
        }
        if (frames == 0) {
            warnings.add("the log holds no frames");
        }
        boolean absolute = frames > 0 && first >= ABSOLUTE_TIME_FLOOR_NANOS;
        if (frames > 0 && !absolute) {
            warnings.add("the log has no absolute time: start and end are unknown");
        }
        Map<String, Long> named = new LinkedHashMap<>(); // in channel number order, "2" before "10"
        Map<Integer, String> channelNames = names;
        perChannel.forEach((channel, count) -> named.put(channelNames.getOrDefault(channel, String.valueOf(channel)),
                count));
        return new LogSummary(format.name(), absolute ? Optional.of(instant(first)) : Optional.empty(),
                absolute ? Optional.of(instant(last)) : Optional.empty(), frames, named, warnings,
                signals.unknownIdFrames(), signals.summaries(), dbcs.used());
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
