package io.fleet.cloud.ingest;

import java.time.Instant;
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
 * @param warnings         what a reader of the catalog should know (an unfinalized MF4 cut short, no absolute time)
 */
public record LogSummary(String format, Optional<Instant> start, Optional<Instant> end, long frames,
                         Map<String, Long> framesPerChannel, List<String> warnings) {

    public LogSummary {
        framesPerChannel = Map.copyOf(framesPerChannel);
        warnings = List.copyOf(warnings);
    }
}
