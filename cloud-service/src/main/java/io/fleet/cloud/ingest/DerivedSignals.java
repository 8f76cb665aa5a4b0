package io.fleet.cloud.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The derived data of a drive log: its decoded signals as Parquet under
 * {@code derived/signals/vehicle=<v>/date=<yyyy-mm-dd>/<drive-log-id>.parquet} in the log's bucket, a Hive-style
 * partitioned tree that Athena, Trino, Spark and DuckDB read as one table. The date is the UTC day of the log's first
 * frame, so a log that runs past midnight stays one object.
 */
final class DerivedSignals {

    static final String PREFIX = "derived/signals/";

    private DerivedSignals() {
    }

    static String key(String vehicle, Instant firstFrame, long driveLogId) {
        return PREFIX + "vehicle=" + vehicle + "/date=" + firstFrame.atOffset(ZoneOffset.UTC).toLocalDate()
                + "/" + driveLogId + ".parquet";
    }

    /**
     * An uploaded Parquet object and its local file, which the caller owns: it is kept for the query cache (the
     * first query after the ingest then downloads nothing) and must be deleted once the ingest is recorded.
     */
    record Uploaded(String key, Path file) {
    }

    /**
     * Writes and uploads the Parquet of the rows the writer took.
     *
     * @return the object, or empty when there is nothing to write: no decoded sample, or no absolute time to place
     *         the samples (and the partition) on
     */
    static Optional<Uploaded> upload(S3Client s3, ClaimedDriveLog log, LogSummary summary, SignalParquetWriter rows,
                                     Path workDir) throws IOException {
        if (rows.rows() == 0 || summary.start().isEmpty()) {
            return Optional.empty();
        }
        String key = key(log.vehicle(), summary.start().get(), log.id());
        Path parquet = Files.createTempFile(workDir, "signals-", ".parquet");
        boolean uploaded = false;
        try {
            Files.delete(parquet); // COPY writes a new file
            rows.writeParquet(parquet);
            s3.putObject(p -> p.bucket(log.bucket()).key(key).contentType("application/vnd.apache.parquet"),
                    RequestBody.fromFile(parquet));
            uploaded = true;
            return Optional.of(new Uploaded(key, parquet));
        } catch (SdkException e) {
            throw new IOException("s3://" + log.bucket() + "/" + key + ": upload failed: " + e.getMessage(), e);
        } finally {
            if (!uploaded) {
                Files.deleteIfExists(parquet);
            }
        }
    }
}
