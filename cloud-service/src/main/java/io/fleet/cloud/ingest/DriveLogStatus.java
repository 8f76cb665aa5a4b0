package io.fleet.cloud.ingest;

/** Where a drive log is in its ingest. */
public enum DriveLogStatus {
    /** Found in the bucket, not ingested yet (or being ingested). */
    PENDING,
    /** Read completely (an unfinalized MF4 cut inside a record: up to the cut, with a warning). */
    INGESTED,
    /** Could not be read; the entry's error says why, naming the object and the byte or line. */
    FAILED
}
