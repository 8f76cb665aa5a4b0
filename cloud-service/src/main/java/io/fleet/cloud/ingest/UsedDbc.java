package io.fleet.cloud.ingest;

/** A DBC file an ingest decoded with: its key in the bucket and the SHA-256 of the bytes used. */
public record UsedDbc(String key, String sha256) {
}
