package io.fleet.cloud.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Local copies of the drive logs' Parquet objects for SQL queries (DuckDB's JDBC driver reads local files; its httpfs
 * extension is not bundled). A copy is named by drive log id and ingest time, so a reprocessed log's new object is
 * downloaded again and its old copy removed.
 */
public final class ParquetCache {

    private final S3Client s3;
    private final Path dir;

    public ParquetCache(S3Client s3, Path dir) {
        this.s3 = s3;
        this.dir = dir;
    }

    /** The local copy of {@code s3://bucket/key}: the Parquet of drive log {@code id} as ingested at {@code version}.
     */
    Path local(String bucket, String key, long id, Instant version) throws IOException {
        Files.createDirectories(dir);
        Path copy = dir.resolve(id + "-" + version.toEpochMilli() + ".parquet");
        if (Files.exists(copy)) {
            return copy;
        }
        Path partial = Files.createTempFile(dir, id + "-", ".part");
        try {
            s3.getObject(g -> g.bucket(bucket).key(key), software.amazon.awssdk.core.sync.ResponseTransformer
                    .toOutputStream(Files.newOutputStream(partial)));
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (SdkException e) {
            throw new IOException("s3://" + bucket + "/" + key + ": download for a query failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(partial);
        }
        try (DirectoryStream<Path> older = Files.newDirectoryStream(dir, id + "-*.parquet")) {
            for (Path old : older) {
                if (!old.equals(copy)) {
                    Files.deleteIfExists(old);
                }
            }
        }
        return copy;
    }
}
