package io.fleet.rig.cli;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.log.LogReader;
import io.fleet.rig.capture.CaptureRecorder;
import io.fleet.rig.capture.MatchRule;
import io.fleet.rig.capture.ResponseMatcher;
import io.fleet.rig.failure.IoFailure;
import io.fleet.rig.output.BusOutput;
import io.fleet.rig.output.BusOutputs;
import io.fleet.rig.output.OutputSpec;
import io.fleet.rig.replay.ChannelMap;
import io.fleet.rig.replay.IdFilter;
import io.fleet.rig.replay.RecordSource;
import io.fleet.rig.replay.ReplayClock;
import io.fleet.rig.replay.ReplayOptions;
import io.fleet.rig.replay.ReplayRehearsal;
import io.fleet.rig.replay.ReplayResult;
import io.fleet.rig.replay.ReplaySession;
import io.fleet.rig.replay.ReplayWatcher;
import io.fleet.rig.replay.SendObserver;
import io.fleet.rig.report.Verdict;
import io.fleet.rig.source.FileRecordSource;
import io.fleet.rig.source.S3RecordSource;
import io.fleet.rig.verdict.Criterion;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hil-rig replay}: replays a drive log into the DUT, captures its answers and reports the KPIs. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Replay a drive log (file or s3://bucket/key) onto CAN/Ethernet outputs with absolute-deadline "
                + "timing; type p, r or q + Enter to pause, resume or stop.")
final class ReplayCommand implements Callable<Integer> {

    /** Exit code of a replay that ran but failed its {@code --expect} criteria. */
    static final int VERDICT_FAILED = 4;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", description = "drive log file or s3://bucket/key")
    String input;

    @Option(names = "--out", required = true, paramLabel = "[NAME=]URI", description = "output, repeatable: "
            + "cannelloni://host:port[?local=PORT&batch=N], udp://host:port[?keepPort=true&ttl=N], "
            + "socketcan://vcan0[?fd=true], loopback://name")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--speed", defaultValue = "1.0", description = "speed factor, default ${DEFAULT-VALUE}")
    double speed;

    @Option(names = "--loop", defaultValue = "1", description = "times to play, 0 = forever; the timeline continues")
    int loops;

    @Option(names = "--loop-gap", defaultValue = "1ms",
            description = "log time between loops, default ${DEFAULT-VALUE}")
    String loopGap;

    @Option(names = "--seek", description = "start this far into the log, e.g. 90s")
    String seek;

    @Option(names = "--window", paramLabel = "FROM..TO", description = "replay only this part, e.g. 10s..70s")
    String window;

    @Option(names = "--filter", description = "CAN ids, repeatable: 0x100-0x1FF,0x7E0 includes, !0x7DF excludes")
    List<String> filters = new ArrayList<>();

    @Option(names = "--map", description = "channel to output, repeatable: 1=A,2=B; unmapped channels are dropped")
    List<String> maps = new ArrayList<>();

    @Option(names = "--batch", defaultValue = "16", description = "most frames per send when due together")
    int batch;

    @Option(names = "--queue", defaultValue = "8192", description = "prefetched records per output, default "
            + "${DEFAULT-VALUE} (a second at 8,000 frames/s on one output)")
    int queue;

    @Option(names = "--prefill", paramLabel = "DURATION", defaultValue = "1s", description = "the reader's head "
            + "start: the timeline starts once the queues hold this much of the replay (or one is full, or the log "
            + "has ended); 0 = at once, default ${DEFAULT-VALUE}")
    String prefill;

    @Mixin
    SenderOptions sending;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "40000", description = "before the timeline "
            + "starts, send N records (the log's first, in rounds of up to 10,000) through the real reader, sender "
            + "threads and output code toward a socket nobody reads, then let the JIT finish, so a fresh JVM is on "
            + "time from the first frame; 0 = off, default ${DEFAULT-VALUE}")
    int warmUpRecords;

    @Option(names = "--capture", description = "write the DUT's answers here, the format by extension: .log "
            + "(candump), .asc, .blf (CAN), .pcap/.pcapng (UDP); candump without a known extension")
    Path capture;

    @Option(names = "--expect", paramLabel = "CRITERIA", description = "pass conditions, e.g. lateness.p99<=100us,"
            + "response.p99<=20ms,missing=0; the run exits 4 when one fails")
    String expect;

    @Option(names = "--junit", paramLabel = "FILE", description = "JUnit XML of the --expect verdict, one test case "
            + "per criterion")
    Path junit;

    @Option(names = "--match", description = "stimulus->response ids, repeatable: 0x7E0->0x7E8")
    List<String> matches = new ArrayList<>();

    @Option(names = "--match-timeout", defaultValue = "1s",
            description = "a request without answer by then is unanswered")
    String matchTimeout;

    @Option(names = "--report", description = "KPI report as JSON")
    Path report;

    @Option(names = "--html", description = "KPI report as a self-contained HTML page")
    Path html;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "progress line on stderr (default on)")
    boolean progress;

    @Mixin
    InputOptions inputs;

    @Mixin
    VerboseOption verbosity;

    /** Who else watches the replay: the rig agent's progress reports and cancellation. */
    ReplayWatcher watcher = ReplayWatcher.NONE;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReplayOptions options = options();
        List<Criterion> criteria = criteria();
        for (Path file : new Path[] {capture, report, html, junit}) {
            requireDirectoryOf(file); // before the replay, not after minutes of it
        }
        if (capture != null) {
            CaptureRecorder.captureFormat(capture); // an unwritable format is refused before any output opens
        }
        RecordSource source = inputs.source(input);
        List<BusOutput> opened = new ArrayList<>();
        List<Closeable> closeLast = new ArrayList<>();
        try {
            for (int i = 0; i < outputs.size(); i++) {
                opened.add(open(outputs.get(i), "out" + (i + 1)));
            }
            if (capture != null) {
                CaptureRecorder.requireSomeOutputFills(capture, opened);
            }
            ResponseMatcher matcher = new ResponseMatcher(matches.stream().map(MatchRule::parse).toList(),
                    Durations.parseNanos(matchTimeout));
            boolean capturing = capture != null || !matches.isEmpty();
            ReplaySession session = new ReplaySession(source, opened, options, sending.clock(opened.size()),
                    ReplaySession.defaultThreads(), capturing ? matcher : SendObserver.NONE,
                    sending.mode(opened.size()));
            CaptureRecorder recorder;
            try {
                recorder = new CaptureRecorder(matcher, CaptureRecorder.systemEpochMinusClockNanos(), capture,
                        opened.stream().map(BusOutput::name).toList());
            } catch (IOException e) {
                throw IoFailure.writing(capture, e);
            }
            closeLast.add(recorder);
            if (capturing) {
                for (BusOutput output : opened) {
                    if (output.canReceive()) {
                        output.startReceiving(recorder, ReplayClock.system(), ReplaySession.defaultThreads());
                    }
                }
            }
            boolean watched = progress || watcher != ReplayWatcher.NONE;
            long expected = watched ? expectedNanos(source, options) : -1; // before the start: it reads the file
            sending.beforeStart(err);
            ReplayRehearsal.Result warmUp = ReplayRehearsal.rehearse(source, opened, options,
                    sending.clock(opened.size()), sending.mode(opened.size()), warmUpRecords);
            if (verbosity.verbose) {
                err.printf(Locale.ROOT, "warm-up: %d records in %.3f s%n", warmUp.records(), warmUp.nanos() / 1e9);
            }
            Instant startedAt = Instant.now();
            session.start();
            sending.afterStart(session, opened.size(), err);
            watcher.started(session, expected);
            if (System.console() != null) {
                ConsoleControl.start(session);
            }
            ProgressBar bar = progress ? new ProgressBar(session, err, expected) : null;
            ReplayResult result;
            try {
                result = session.awaitResult();
                watcher.ended(result);
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
            Thread.sleep(capturing ? Durations.parseNanos(matchTimeout) / 1_000_000 : 0); // late answers
            Verdict verdict = new RunSummary(source, result, matcher.results(), startedAt, speed, criteria)
                    .write(out, report, html, junit);
            if (capture != null) {
                out.printf(Locale.ROOT, "captured %d frames to %s%n", recorder.written(), capture);
            }
            CommandFailures.warnAboutSkipped(spec.qualifiedName(), input, result.readStats(), err);
            if (result.failure() != null) {
                return CommandFailures.report(spec.qualifiedName() + ": stopped after " + result.read() + " records",
                        result.failure(), verbosity.verbose, err);
            }
            return verdict != null && !verdict.passed() ? VERDICT_FAILED : result.dropped() > 0 ? 3 : 0;
        } finally {
            for (BusOutput output : opened) {
                output.close(); // stops the receivers before the capture log closes
            }
            for (Closeable closeable : closeLast) {
                closeable.close();
            }
        }
    }

    /** The {@code --expect} criteria, checked before the replay: response criteria need a {@code --match} rule. */
    private List<Criterion> criteria() {
        if (expect == null) {
            if (junit != null) {
                throw new IllegalArgumentException("--junit needs --expect: the test cases are its criteria");
            }
            return List.of();
        }
        try {
            return Criterion.parseForRun(expect, !matches.isEmpty());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--expect: " + e.getMessage(), e);
        }
    }

    /** An output from its {@code --out} URI: a bad URI is a usage error, one that cannot be opened an I/O one. */
    private static BusOutput open(String uri, String defaultName) throws IOException {
        OutputSpec output;
        try {
            output = OutputSpec.parse(uri, defaultName);
            return BusOutputs.open(output);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad output URI '" + uri + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw IoFailure.of("open", "output " + uri, IoFailure.reason(e), e);
        }
    }

    private static void requireDirectoryOf(Path file) throws IoFailure {
        Path parent = file == null ? null : file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw IoFailure.of("write", file.toString(), "no such directory " + parent, null);
        }
    }

    private ReplayOptions options() {
        if (warmUpRecords < 0) {
            throw new IllegalArgumentException("--warm-up must be 0 (off) or a number of records, not "
                    + warmUpRecords);
        }
        long from = seek == null ? 0 : Durations.parseNanos(seek);
        long to = Long.MAX_VALUE;
        if (window != null) {
            long[] w = Durations.parseWindow(window);
            from = Math.max(from, w[0]);
            to = w[1];
        }
        return ReplayOptions.defaults().withSpeed(speed).withWindow(from, to)
                .withLoops(loops, Durations.parseNanos(loopGap)).withFilter(IdFilter.parse(filters))
                .withChannelMap(ChannelMap.parse(maps))
                .withTiming(queue, sending.spinMicros * 1_000, ReplayOptions.defaults().leadNanos(), batch)
                .withPrefill(prefillNanos());
    }

    private long prefillNanos() {
        try {
            return Durations.parseNanos(prefill);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--prefill: " + e.getMessage(), e);
        }
    }

    /**
     * Timeline length for the progress bar: scans local files and cached S3 objects up to 256 MB once before the
     * start (a second or so; the S3 object is downloaded into the cache then, as the start would); unknown for
     * larger files, streamed S3 objects and endless loops, where the bar shows time and rate only.
     */
    private static long expectedNanos(RecordSource source, ReplayOptions options) throws IOException {
        if (options.loops() == 0) {
            return -1;
        }
        long bytes;
        if (source instanceof FileRecordSource file) {
            bytes = Files.size(file.file());
        } else if (source instanceof S3RecordSource s3 && s3.cached()) {
            source.open().close(); // fills the cache, naming the object when S3 refuses
            bytes = Files.size(s3.cachedFile());
        } else {
            return -1;
        }
        if (bytes > 256L << 20) {
            return -1;
        }
        long first = Long.MIN_VALUE;
        long last = Long.MIN_VALUE;
        try (LogReader reader = source.open()) {
            BusRecord record;
            while ((record = reader.next()) != null) {
                first = first == Long.MIN_VALUE ? record.timestampNanos() : first;
                last = record.timestampNanos();
            }
        }
        if (first == Long.MIN_VALUE) {
            return -1;
        }
        long span = Math.max(0, Math.min(last - first, options.toNanos()) - options.fromNanos());
        return (long) ((span * options.loops() + options.loopGapNanos() * (options.loops() - 1)) / options.speed());
    }
}
