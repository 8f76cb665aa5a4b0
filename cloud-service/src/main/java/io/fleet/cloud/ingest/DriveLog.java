package io.fleet.cloud.ingest;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One catalog entry, as the API shows it. */
public record DriveLog(long id, String bucket, String key, String vehicle, long size, Optional<String> sha256,
                       Optional<String> format, DriveLogStatus status, Optional<String> error, List<String> warnings,
                       Optional<Instant> start, Optional<Instant> end, Optional<Long> frames,
                       Map<String, Long> framesPerChannel, Optional<Long> supersededBy, Instant discoveredAt,
                       Optional<Instant> ingestedAt, Optional<Long> ingestMillis, Optional<Long> unknownIdFrames,
                       TripSummary trip) {

    public DriveLog {
        warnings = List.copyOf(warnings);
        framesPerChannel = Collections.unmodifiableMap(new LinkedHashMap<>(framesPerChannel));
    }
}
