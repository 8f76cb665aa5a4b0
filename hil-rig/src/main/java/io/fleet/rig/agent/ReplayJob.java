package io.fleet.rig.agent;

import io.fleet.rig.cli.RigCommands;
import io.fleet.rig.replay.ReplayResult;
import io.fleet.rig.replay.ReplaySession;
import io.fleet.rig.replay.ReplayWatcher;
import io.fleet.rig.report.KpiReports;
import io.fleet.rig.report.LatencySummary;
import io.fleet.rig.source.ContentAddressedCache;
import io.fleet.rig.source.LogOpener;
import io.fleet.rig.source.S3Location;
import io.fleet.rig.source.S3RecordSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs one job's replay with the {@code replay} command's own code (same options, warm-up, verdict and reports) and
 * uploads its KPI JSON/HTML, JUnit XML and capture to {@code s3://<bucket of the drive log>/<resultsPrefix>}.
 *
 * @param s3Options the {@code --s3-*} options the agent was given, passed on to {@code replay}
 * @param s3        where the drive logs are and the results go
 * @param cacheDir  the content-addressed drive-log cache, shared with {@code replay --cache-dir}
 * @param workDir   where the reports are written before the upload
 * @param rigOutputs this rig's own outputs (its {@code --output NAME=URI}), which a job names as {@code rig://NAME}
 *                   so one document (a campaign's) fits every rig whatever its DUT is wired to
 */
public record ReplayJob(List<String> s3Options, S3Client s3, Path cacheDir, Path workDir,
                        Map<String, String> rigOutputs) {

    public ReplayJob {
        rigOutputs = Map.copyOf(rigOutputs);
    }

    /** A rig without outputs of its own: every job names its outputs' addresses. */
    public ReplayJob(List<String> s3Options, S3Client s3, Path cacheDir, Path workDir) {
        this(s3Options, s3, cacheDir, workDir, Map.of());
    }

    /** As {@code replay --cache-size-gb}'s default, so both see the same bound on the shared cache. */
    private static final long CACHE_BYTES = 50_000_000_000L;
    private static final List<String> RESULT_FILES = List.of("kpi.json", "kpi.html", "junit.xml", "capture.log");

    /** A job that must not run as its document says; the message is the reason for the FAILED execution. */
    public static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    /**
     * What a replay ended with: passed means exit code 0; the summary is replay's output on one line.
     *
     * @param frames         frames sent, all outputs
     * @param latenessP99Us  the worst output's 99th percentile of lateness in microseconds
     */
    public record Outcome(boolean passed, int exitCode, String resultLocation, String summary, long frames,
                          double latenessP99Us) {
    }

    /**
     * Brings the drive log into the cache (a hit when it is there) and, when the document names its sha256, hashes
     * the cached copy: a different log, or a corrupted cache entry, never gets replayed.
     *
     * @throws Refused naming both hashes when they differ
     */
    public void fetchDriveLog(JobDocument job) throws IOException, Refused {
        ContentAddressedCache cache = new ContentAddressedCache(cacheDir, CACHE_BYTES, Clock.systemUTC());
        S3RecordSource source = new S3RecordSource(s3, S3Location.parse(job.driveLog()), cache,
                LogOpener.builtIn(false), Runnable::run);
        source.open().close();
        if (job.sha256() == null) {
            return;
        }
        String actual = KpiReports.sha256(source.cachedFile());
        if (!actual.equals(job.sha256())) {
            throw new Refused("sha256 mismatch: the job document says " + job.sha256() + " but " + job.driveLog()
                    + " has " + actual);
        }
    }

    /** Replays the job, telling {@code watcher} about the session, and uploads what it wrote. */
    public Outcome run(String jobId, JobDocument job, ReplayWatcher watcher) throws IOException, Refused {
        Path dir = Files.createDirectories(workDir.resolve(jobId));
        AtomicReference<ReplayResult> ended = new AtomicReference<>();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> arguments = arguments(job, dir);
        int exit = RigCommands.replay(arguments.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true), new ReplayWatcher() {
            @Override
            public void started(ReplaySession session, long expectedNanos) {
                watcher.started(session, expectedNanos);
            }

            @Override
            public void ended(ReplayResult result) {
                ended.set(result);
                watcher.ended(result);
            }
        });
        String prefix = job.resultsPrefix(jobId);
        for (String file : RESULT_FILES) {
            Path result = dir.resolve(file);
            if (Files.exists(result)) {
                s3.putObject(b -> b.bucket(job.bucket()).key(prefix + file), RequestBody.fromFile(result));
            }
        }
        // statusDetails values may hold no control characters: one line, the summary's end
        String summary = (out + err.toString()).strip().replaceAll("\\s*\\R\\s*", " | ");
        ReplayResult result = ended.get();
        return new Outcome(exit == 0, exit, String.format(Locale.ROOT, "s3://%s/%s", job.bucket(), prefix),
                summary.length() > 900 ? summary.substring(summary.length() - 900) : summary,
                result == null ? 0 : result.sent(), result == null ? 0 : latenessP99Micros(result));
    }

    /** As the {@code lateness.p99} criterion measures it: the worst output's. */
    private static double latenessP99Micros(ReplayResult result) {
        return result.outputs().stream().mapToDouble(output -> LatencySummary.of(output.lateness()).p99Micros())
                .max().orElse(0);
    }

    /**
     * The address an output of the document names: {@code rig://NAME} is this rig's own output NAME.
     *
     * @throws Refused when the rig has no such output
     */
    String address(String output, String uri) throws Refused {
        if (!uri.startsWith(JobDocument.RIG_OUTPUT)) {
            return uri;
        }
        String name = uri.substring(JobDocument.RIG_OUTPUT.length());
        String own = rigOutputs.get(name);
        if (own == null) {
            throw new Refused("outputs." + output + ": " + uri + " names no output of this rig (its outputs: "
                    + (rigOutputs.isEmpty() ? "none" : String.join(", ", rigOutputs.keySet())) + ")");
        }
        return own;
    }

    private List<String> arguments(JobDocument job, Path dir) throws Refused {
        List<String> args = new ArrayList<>(List.of("replay", job.driveLog(), "--no-progress",
                "--speed", Double.toString(job.speed()), "--report", dir.resolve("kpi.json").toString(),
                "--html", dir.resolve("kpi.html").toString(), "--cache-dir", cacheDir.toString()));
        for (Map.Entry<String, String> output : job.outputs().entrySet()) {
            args.addAll(List.of("--out", output.getKey() + "=" + address(output.getKey(), output.getValue())));
        }
        JobDocument.Part part = job.part();
        if (part.seekSeconds() > 0) {
            args.addAll(List.of("--seek", part.seekSeconds() + "s"));
        }
        if (part.windowSeconds() != null) {
            args.addAll(List.of("--window", part.seekSeconds() + "s.." + (part.seekSeconds() + part.windowSeconds())
                    + "s"));
        }
        job.matches().forEach(rule -> args.addAll(List.of("--match", rule)));
        if (job.capture()) {
            args.addAll(List.of("--capture", dir.resolve("capture.log").toString()));
        }
        if (job.expect() != null) {
            args.addAll(List.of("--expect", job.expect(), "--junit", dir.resolve("junit.xml").toString()));
        }
        args.addAll(s3Options);
        return args;
    }
}
