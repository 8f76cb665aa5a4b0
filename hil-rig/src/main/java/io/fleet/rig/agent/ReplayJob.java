package io.fleet.rig.agent;

import io.fleet.rig.cli.RigCommands;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs one job's replay with the {@code replay} command's own code (same options, same verdict and reports) and
 * uploads its KPI JSON/HTML and JUnit XML to {@code s3://<bucket>/results/<jobId>/}.
 *
 * @param s3Options the {@code --s3-*} options the agent was given, passed on to {@code replay}
 * @param s3        where the results go
 * @param workDir   where the reports are written before the upload
 */
public record ReplayJob(List<String> s3Options, S3Client s3, Path workDir) {

    /** What a replay ended with: passed means exit code 0; the output is replay's summary. */
    public record Outcome(boolean passed, int exitCode, String resultLocation, String summary) {
    }

    public Outcome run(String jobId, JobDocument job) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve(jobId));
        List<String> args = new ArrayList<>(List.of("replay", job.driveLog(), "--no-progress", "--warm-up", "0",
                "--speed", Double.toString(job.speed()), "--report", dir.resolve("kpi.json").toString(),
                "--html", dir.resolve("kpi.html").toString()));
        job.outputs().forEach((name, uri) -> args.addAll(List.of("--out", name + "=" + uri)));
        if (job.expect() != null) {
            args.addAll(List.of("--expect", job.expect(), "--junit", dir.resolve("junit.xml").toString()));
        }
        args.addAll(s3Options);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RigCommands.execute(args.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));
        String prefix = "results/" + jobId + "/";
        for (String file : List.of("kpi.json", "kpi.html", "junit.xml")) {
            Path report = dir.resolve(file);
            if (Files.exists(report)) {
                s3.putObject(b -> b.bucket(job.bucket()).key(prefix + file), RequestBody.fromFile(report));
            }
        }
        // statusDetails values may hold no control characters: one line, the summary's end
        String summary = (out + err.toString()).strip().replaceAll("\\s*\\R\\s*", " | ");
        return new Outcome(exit == 0, exit, String.format(Locale.ROOT, "s3://%s/%s", job.bucket(), prefix),
                summary.length() > 900 ? summary.substring(summary.length() - 900) : summary);
    }
}
