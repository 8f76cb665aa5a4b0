package io.fleet.cloud.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What reading a drive log gave, before any signal decoding.
 *
 * @param format           the log format (LogFormat name)
 * @param start            absolute UTC time of the earliest frame; empty without frames or without absolute time
 * @param end              absolute UTC time of the latest frame
 * @param frames           records read (CAN frames and UDP datagrams)
 * @param framesPerChannel frames by channel, named as the source names it (candump interface, ASC/BLF channel
 *                         number, MF4 bus channel)
 * @param warnings         what a reader of the catalog should know (an unfinalized MF4 cut short, no absolute time,
 *                         a DBC left out)
 * @param unknownIdFrames  CAN frames whose id no applicable DBC defines
 * @param signals          statistics of every decoded signal
 * @param dbcs             the DBC files that applied
 */
public record LogSummary(String format, Optional<Instant> start, Optional<Instant> end, long frames,
                         Map<String, Long> framesPerChannel, List<String> warnings, long unknownIdFrames,
                         List<SignalSummary> signals, List<UsedDbc> dbcs) {

    public LogSummary {
        framesPerChannel = Collections.unmodifiableMap(new LinkedHashMap<>(framesPerChannel));
        warnings = List.copyOf(warnings);
        signals = List.copyOf(signals);
        dbcs = List.copyOf(dbcs);
    }

    /** This summary with one more warning. */
    LogSummary withWarning(String warning) {
        List<String> more = new ArrayList<>(warnings);
        more.add(warning);
        return new LogSummary(format, start, end, frames, framesPerChannel, more, unknownIdFrames, signals, dbcs);
    }
}
