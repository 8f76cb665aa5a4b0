package io.fleet.cloud.ingest;

/** How the ingest of one claimed drive log ended. */
sealed interface IngestOutcome {

    /**
     * Read: the summary is the catalog's; {@code derivedKeys} the objects written from it (lineage); {@code findings}
     * its scenarios and trip summary.
     */
    record Ingested(String sha256, LogSummary summary, java.util.List<String> derivedKeys, ScenarioFindings findings)
            implements IngestOutcome {

        public Ingested {
            derivedKeys = java.util.List.copyOf(derivedKeys);
        }

        public Ingested(String sha256, LogSummary summary) {
            this(sha256, summary, java.util.List.of(), new ScenarioFindings(java.util.List.of(), TripSummary.NONE,
                    java.util.List.of()));
        }
    }

    /** Could not be read; {@code error} names the object and the byte or line. */
    record Failed(String sha256, String format, String error) implements IngestOutcome {
    }

    /** The same bytes as the current entry of the same key: no second entry. */
    record Duplicate(long existingId) implements IngestOutcome {
    }
}
