package io.fleet.cloud.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Local copies of the drive logs' Parquet objects for SQL queries (DuckDB's JDBC driver reads local files; its httpfs
 * extension is not bundled). A copy is named by drive log id and ingest time, so a reprocessed log's new object is
 * downloaded again and its old copy removed. Ingest workers that share the directory put the Parquet they just
 * uploaded here ({@link #adopt}), so the first query after an ingest reads it without a download.
 */
public final class ParquetCache {

    private final S3Client s3;
    private final Path dir;

    public ParquetCache(S3Client s3, Path dir) {
        this.s3 = s3;
        this.dir = dir;
    }

    /**
     * The service's cache in its data directory, which ingest workers sharing that directory (in the service or
     * {@code ./fleet ingest worker --data-dir}) fill too.
     */
    public static Path dirIn(Path dataDir) {
        return dataDir.resolve("ingest").resolve("query-cache");
    }

    /** The local copy of {@code s3://bucket/key}: the Parquet of drive log {@code id} as ingested at {@code version}.
     */
    Path local(String bucket, String key, long id, Instant version) throws IOException {
        Files.createDirectories(dir);
        Path copy = copyOf(id, version);
        if (Files.exists(copy)) {
            return copy;
        }
        Path partial = Files.createTempFile(dir, id + "-", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                s3.getObject(g -> g.bucket(bucket).key(key), ResponseTransformer.toOutputStream(out));
            }
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (SdkException e) {
            throw new IOException("s3://" + bucket + "/" + key + ": download for a query failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(partial);
        }
        removeOlder(id, copy);
        return copy;
    }

    /**
     * Takes the Parquet an ingest just wrote and uploaded (moved, not copied, when it is on this file system) as the
     * copy of drive log {@code id} ingested at {@code version}, so the first query after the ingest downloads nothing.
     */
    void adopt(long id, Instant version, Path parquet) throws IOException {
        Files.createDirectories(dir);
        Path copy = copyOf(id, version);
        try {
            Files.move(parquet, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException otherFileSystem) {
            Path partial = Files.createTempFile(dir, id + "-", ".part");
            try {
                Files.copy(parquet, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        removeOlder(id, copy);
    }

    /** Drops a copy {@link #adopt} took for an ingest that was then not recorded (its claim was lost). */
    void forget(long id, Instant version) throws IOException {
        Files.deleteIfExists(copyOf(id, version));
    }

    private Path copyOf(long id, Instant version) {
        return dir.resolve(id + "-" + version.toEpochMilli() + ".parquet");
    }

    /** A reprocessed log's copies from before. */
    private void removeOlder(long id, Path copy) throws IOException {
        try (DirectoryStream<Path> older = Files.newDirectoryStream(dir, id + "-*.parquet")) {
            for (Path old : older) {
                if (!old.equals(copy)) {
                    Files.deleteIfExists(old);
                }
            }
        }
    }
}
