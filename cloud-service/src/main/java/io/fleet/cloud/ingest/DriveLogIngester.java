package io.fleet.cloud.ingest;

import io.fleet.cloud.config.SignalRolesConfig;
import io.fleet.model.log.LogFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Ingests one claimed drive log: downloads the object to a private temp file (the MF4 reader needs random access)
 * while hashing it, recognizes an identical re-upload of the same key, summarizes the log and uploads its decoded
 * signals as Parquet ({@link DerivedSignals}). A log that cannot be
 * read is an outcome ({@link IngestOutcome.Failed}), not an exception: it never stops the worker. One ingester serves
 * every worker thread of a process; they share its {@link StagingDatabase}.
 */
final class DriveLogIngester implements AutoCloseable {

    private final S3Client s3;
    private final DriveLogCatalog catalog;
    private final Path workDir;
    private final SignalRolesConfig roles;
    private final StagingDatabase staging;

    DriveLogIngester(S3Client s3, DriveLogCatalog catalog, Path workDir, SignalRolesConfig roles) {
        this.s3 = s3;
        this.catalog = catalog;
        this.workDir = workDir;
        this.roles = roles;
        this.staging = new StagingDatabase(workDir.resolve("duckdb-spill"));
    }

    /** Runs a generated log through the decode path once ({@link IngestRehearsal}); returns how long it took. */
    Duration rehearse() throws IOException {
        return IngestRehearsal.run(workDir, staging, roles).took();
    }

    /** @throws IOException only when S3 or the local disk fail (the claim then expires and the log is retried) */
    IngestOutcome ingest(ClaimedDriveLog log) throws IOException, SQLException {
        Files.createDirectories(workDir);
        String fileName = RawObjectKey.parse(log.key()).map(RawObjectKey::fileName).orElse("object");
        Path copy = Files.createTempFile(workDir, "drive-log-", "-" + fileName.replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            String sha256;
            try {
                sha256 = download(log, copy);
            } catch (NoSuchKeyException gone) {
                return new IngestOutcome.Failed(null, null, log.url() + ": the object was deleted before it was "
                        + "ingested");
            } catch (S3Exception e) {
                if (e.statusCode() != 412) {
                    throw new IOException(log.url() + ": download failed: " + e.getMessage(), e);
                }
                return new IngestOutcome.Failed(null, null, log.url() + ": the object was replaced before it was "
                        + "ingested (ETag " + log.etag() + "); its new version is an entry of its own");
            }
            Optional<Long> same = catalog.currentOfKeyWithHash(log, sha256);
            if (same.isPresent()) {
                return new IngestOutcome.Duplicate(same.get());
            }
            String guessed = LogFormat.fromFileName(fileName).map(Enum::name).orElse(null);
            if (Files.size(copy) == 0) {
                return new IngestOutcome.Failed(sha256, guessed, log.url() + ": empty object (0 bytes)");
            }
            try {
                DbcSet dbcs = DbcSet.load(s3, log.bucket(), log.vehicle());
                if (dbcs.isEmpty()) { // nothing decodes: no rows, no DuckDB staging database to open
                    ScenarioSink scenarios = new ScenarioSink(roles);
                    removeStale(log, List.of());
                    return ingested(sha256, LogSummarizer.summarize(copy, log.url(), dbcs, scenarios),
                            Optional.empty(), scenarios);
                }
                return decodeAndDerive(log, copy, sha256, dbcs);
            } catch (io.fleet.model.log.LogFormatException e) {
                return new IngestOutcome.Failed(sha256, guessed, e.getMessage());
            } catch (RuntimeException e) {
                // a reader's bug on odd input must not look like a worker failure and be retried forever
                return new IngestOutcome.Failed(sha256, guessed, log.url() + ": could not be read: " + e);
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private IngestOutcome decodeAndDerive(ClaimedDriveLog log, Path copy, String sha256, DbcSet dbcs)
            throws IOException {
        try (SignalParquetWriter rows = new SignalParquetWriter(staging)) {
            ScenarioSink scenarios = new ScenarioSink(roles);
            LogSummary summary = LogSummarizer.summarize(copy, log.url(), dbcs, SignalRowSink.both(rows, scenarios));
            Optional<DerivedSignals.Uploaded> derived = DerivedSignals.upload(s3, log, summary, rows, workDir);
            try {
                removeStale(log, derived.map(DerivedSignals.Uploaded::key).stream().toList());
            } catch (IOException e) {
                if (derived.isPresent()) {
                    Files.deleteIfExists(derived.get().file());
                }
                throw e;
            }
            if (derived.isEmpty() && rows.rows() > 0) {
                summary = summary.withWarning("no derived Parquet: the log has no absolute time to place its "
                        + rows.rows() + " decoded samples on");
            }
            return ingested(sha256, summary, derived, scenarios);
        }
    }

    /** A reprocessed log's objects from before that this ingest did not write again (no Parquet any more). */
    private void removeStale(ClaimedDriveLog log, List<String> written) throws IOException {
        try {
            for (String key : catalog.derivedKeys(log.id())) {
                if (!written.contains(key)) {
                    s3.deleteObject(d -> d.bucket(log.bucket()).key(key));
                }
            }
        } catch (SQLException | SdkException e) {
            throw new IOException(log.url() + ": removing the objects an earlier ingest derived failed: " + e, e);
        }
    }

    private static IngestOutcome ingested(String sha256, LogSummary summary, Optional<DerivedSignals.Uploaded> derived,
                                          ScenarioSink scenarios) {
        ScenarioFindings findings = scenarios.finish(summary);
        for (String warning : findings.warnings()) {
            summary = summary.withWarning(warning);
        }
        return new IngestOutcome.Ingested(sha256, summary, derived.map(DerivedSignals.Uploaded::key).stream().toList(),
                findings, derived.map(DerivedSignals.Uploaded::file));
    }

    private String download(ClaimedDriveLog log, Path copy) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(s3.getObject(g -> g.bucket(log.bucket()).key(log.key())
                .ifMatch(log.etag())), digest); OutputStream out = Files.newOutputStream(copy)) {
            in.transferTo(out);
        } catch (S3Exception e) {
            throw e;
        } catch (SdkException e) {
            throw new IOException(log.url() + ": download failed: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() throws IOException {
        staging.close();
    }
}
