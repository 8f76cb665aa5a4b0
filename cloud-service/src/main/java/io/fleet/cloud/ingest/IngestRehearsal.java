package io.fleet.cloud.ingest;

import io.fleet.cloud.config.SignalRolesConfig;
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
 * interpreted, several times as long as the logs after it (BENCHMARKS.md, drive-log ingest). Nothing of it reaches
 * S3 or the catalog.
 */
final class IngestRehearsal {

    /**
     * A J1939 DBC as the CSS and truck DBCs are (attributes, comments, extended ids matched by parameter group), with
     * a plain vehicle message carrying the speed and heading the scenario detectors read, and a multiplexed one.
     */
    private static final String DBC = """
            VERSION ""

            NS_ :
                CM_
                BA_DEF_
                BA_

            BS_:

            BU_:

            BO_ 256 Vehicle: 4 Vector__XXX
             SG_ Speed : 0|16@1+ (0.01,0) [0|655.35] "km/h" Vector__XXX
             SG_ Heading : 16|16@1+ (0.01,0) [0|360] "deg" Vector__XXX

            BO_ 2364540158 EEC1: 8 Vector__XXX
             SG_ EngineSpeed : 24|16@1+ (0.125,0) [0|8031.875] "rpm" Vector__XXX
             SG_ EngineTorque : 16|8@1+ (1,-125) [-125|125] "%" Vector__XXX

            BO_ 512 Diag: 8 Vector__XXX
             SG_ Page M : 0|8@1+ (1,0) [0|255] "" Vector__XXX
             SG_ Temperature m0 : 8|16@1- (0.1,0) [-3276.8|3276.7] "degC" Vector__XXX
             SG_ Voltage m1 : 8|16@1+ (0.001,0) [0|65.535] "V" Vector__XXX

            CM_ BO_ 2364540158 "Electronic Engine Controller 1";
            BA_DEF_ BO_  "VFrameFormat" ENUM  "StandardCAN","ExtendedCAN","reserved","J1939PG";
            BA_DEF_  "ProtocolType" STRING ;
            BA_DEF_DEF_  "VFrameFormat" "StandardCAN";
            BA_DEF_DEF_  "ProtocolType" "";
            BA_ "ProtocolType" "J1939";
            BA_ "VFrameFormat" BO_ 2364540158 3;
            """;
    private static final int VEHICLE_ID = 256;
    /** EEC1's parameter group from another source address than the DBC's: matched by PGN, as real trucks send it. */
    private static final int EEC1_FROM_ANOTHER_ECU = 0x0CF00400;
    private static final int DIAG_ID = 512;
    /** Not in the DBC: counted as unknown, as real logs have them. */
    private static final int UNKNOWN_ID = 0x7DF;
    /** 10 minutes of 100 frames a second: enough calls for the JIT's last tier on the per-frame path. */
    private static final int TICKS = 60_000;
    private static final long PERIOD_NANOS = 10_000_000L;
    /** 2026-01-01T00:00:00Z: an absolute time, so the Parquet write runs as for a real log. */
    private static final long START_NANOS = 1_767_225_600L * 1_000_000_000L;

    private IngestRehearsal() {
    }

    /** What the rehearsal went through: the summary and scenarios of its log, the decoded samples, the time. */
    record Result(LogSummary summary, ScenarioFindings findings, long rows, Duration took) {
    }

    static Result run(Path workDir, StagingDatabase staging, SignalRolesConfig roles) throws IOException {
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
                ScenarioFindings findings = scenarios.finish(summary);
                rows.writeParquet(parquet);
                return new Result(summary, findings, rows.rows(), Duration.ofNanos(System.nanoTime() - started));
            }
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(parquet);
        }
    }

    /** Speed up to 120 km/h and hard down again, heading turning: every detector has something to find. */
    private static void write(Path file) throws IOException {
        try (MdfCanWriter writer = MdfCanWriter.open(file)) {
            for (int i = 0; i < TICKS; i++) {
                long at = START_NANOS + i * PERIOD_NANOS;
                double phase = (double) i / TICKS;
                double sinceBraking = (i - 0.8 * TICKS) * PERIOD_NANOS / 1e9; // seconds; braking at 30 km/h a second
                double kmh = phase < 0.8 ? 150 * phase : Math.max(0, 120 - sinceBraking * 30);
                int speed = (int) Math.round(kmh * 100);
                int heading = (int) Math.round((phase * 720 % 360) * 100);
                writer.write(CanFrame.classic(at, 1, VEHICLE_ID, false, new byte[] {(byte) speed,
                        (byte) (speed >>> 8), (byte) heading, (byte) (heading >>> 8)}));
                int rpm = (int) (kmh * 40 * 8);
                writer.write(CanFrame.classic(at + 1_000, 1, EEC1_FROM_ANOTHER_ECU, true, new byte[] {0, 0,
                        (byte) (125 + i % 100), (byte) rpm, (byte) (rpm >>> 8), 0, 0, 0}));
                if (i % 10 == 0) {
                    writer.write(CanFrame.classic(at + 2_000, 2, DIAG_ID, false, new byte[] {(byte) (i / 10 % 2),
                            (byte) i, (byte) (i >>> 8), 0, 0, 0, 0, 0}));
                    writer.write(CanFrame.classic(at + 3_000, 2, UNKNOWN_ID, false, new byte[] {2, 1, 0}));
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
