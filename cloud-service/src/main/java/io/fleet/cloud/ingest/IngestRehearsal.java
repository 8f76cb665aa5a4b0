package io.fleet.cloud.ingest;

import io.fleet.cloud.config.CloudConfig;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.dbc.DbcParser;
import io.fleet.model.log.mdf.MdfCanWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.time.Duration;

/**
 * Runs a generated drive log through the ingest's whole decode path once, when the workers start: hashing, the MF4
 * reader, DBC decoding, statistics, the scenario detectors and the Parquet write through DuckDB. Without it the
 * first real log pays for loading DuckDB's native library, loading the classes of that path and running it
 * interpreted: about 1.5 s more than the logs after it (BENCHMARKS.md, drive-log ingest). Nothing of it reaches S3
 * or the catalog.
 */
final class IngestRehearsal {

    /** A vehicle message with the speed and heading the scenario detectors read. */
    private static final String DBC = """
            VERSION ""

            BU_:

            BO_ 256 Vehicle: 4 Vector__XXX
             SG_ Speed : 0|16@1+ (0.01,0) [0|655.35] "km/h" Vector__XXX
             SG_ Heading : 16|16@1+ (0.01,0) [0|360] "deg" Vector__XXX
            """;
    private static final int VEHICLE_ID = 256;
    /** Not in the DBC: counted as unknown, as real logs have them. */
    private static final int UNKNOWN_ID = 0x7DF;
    /** 2 minutes at 100 frames a second: enough for every class on the path, a few ms of work once warm. */
    private static final int FRAMES = 12_000;
    private static final long PERIOD_NANOS = 10_000_000L;
    /** 2026-01-01T00:00:00Z: an absolute time, so the Parquet write runs as for a real log. */
    private static final long START_NANOS = 1_767_225_600L * 1_000_000_000L;

    private IngestRehearsal() {
    }

    /** @return how long it took */
    static Duration run(Path workDir, StagingDatabase staging, CloudConfig.SignalRoles roles) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(workDir);
        Path log = Files.createTempFile(workDir, "rehearsal-", ".mf4");
        Path parquet = workDir.resolve(log.getFileName() + ".parquet");
        try {
            write(log);
            hash(log);
            DbcSet dbcs = DbcSet.shared(DbcParser.parse("rehearsal.dbc", DBC), new UsedDbc("rehearsal.dbc", ""));
            try (SignalParquetWriter rows = new SignalParquetWriter(staging)) {
                ScenarioSink scenarios = new ScenarioSink(roles);
                LogSummary summary = LogSummarizer.summarize(log, log.toString(), dbcs,
                        SignalRowSink.both(rows, scenarios));
                scenarios.finish(summary);
                rows.writeParquet(parquet);
            }
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(parquet);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Speed up to 120 km/h and hard down again, heading turning: every detector has something to find. */
    private static void write(Path file) throws IOException {
        try (MdfCanWriter writer = MdfCanWriter.open(file)) {
            for (int i = 0; i < FRAMES; i++) {
                long at = START_NANOS + i * PERIOD_NANOS;
                double phase = (double) i / FRAMES;
                double kmh = phase < 0.8 ? 150 * phase : 120 * (1 - phase) / 0.2;
                int speed = (int) Math.round(kmh * 100);
                int heading = (int) Math.round((phase * 720 % 360) * 100);
                writer.write(CanFrame.classic(at, 1, VEHICLE_ID, false, new byte[] {(byte) speed,
                        (byte) (speed >>> 8), (byte) heading, (byte) (heading >>> 8)}));
                if (i % 10 == 0) {
                    writer.write(CanFrame.classic(at, 1, UNKNOWN_ID, false, new byte[] {2, 1, 0}));
                }
            }
        }
    }

    private static void hash(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), Sha256.digest())) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
