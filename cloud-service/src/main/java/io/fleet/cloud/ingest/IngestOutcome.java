package io.fleet.cloud.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.List;

/** How the ingest of one claimed drive log ended. */
sealed interface IngestOutcome {

    /**
     * Read: the summary is the catalog's; {@code derivedKeys} the objects written from it (lineage); {@code findings}
     * its scenarios and trip summary; {@code localParquet} the local file of the derived Parquet just uploaded, for
     * the query cache, deleted by whoever records the outcome.
     */
    record Ingested(String sha256, LogSummary summary, List<String> derivedKeys, ScenarioFindings findings,
                    Optional<Path> localParquet) implements IngestOutcome {

        public Ingested {
            derivedKeys = List.copyOf(derivedKeys);
        }

        public Ingested(String sha256, LogSummary summary) {
            this(sha256, summary, List.of(), new ScenarioFindings(List.of(), TripSummary.NONE,
                    List.of()), Optional.empty());
        }
    }

    /** Could not be read; {@code error} names the object and the byte or line. */
    record Failed(String sha256, String format, String error) implements IngestOutcome {
    }

    /** The same bytes as the current entry of the same key: no second entry. */
    record Duplicate(long existingId) implements IngestOutcome {
    }
}
