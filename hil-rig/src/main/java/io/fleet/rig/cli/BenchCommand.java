package io.fleet.rig.cli;

import io.fleet.model.bus.CanFrame;
import io.fleet.rig.output.BusOutput;
import io.fleet.rig.output.CannelloniUdpOutput;
import io.fleet.rig.replay.ChannelMap;
import io.fleet.rig.replay.ReplayOptions;
import io.fleet.rig.replay.ReplayResult;
import io.fleet.rig.replay.ReplaySession;
import io.fleet.rig.replay.SendObserver;
import io.fleet.rig.report.LatencySummary;
import io.fleet.rig.source.InMemoryRecordSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hil-rig bench}: replays synthetic frames at a fixed aggregate rate over loopback cannelloni to in-process
 * gateways, one socket per bus, and reports lateness at the sender and at the receiver, drops and losses. A benchmark,
 * not a test: results depend on the machine and go to BENCHMARKS.md with its description.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark replay timing over loopback cannelloni (synthetic frames).")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rate", defaultValue = "8000",
            description = "aggregate frames per second, default ${DEFAULT-VALUE}")
    long rate;

    @Option(names = "--buses", defaultValue = "1", description = "buses (outputs), frames spread round-robin")
    int buses;

    @Option(names = "--seconds", defaultValue = "10", description = "measured duration, default ${DEFAULT-VALUE}")
    double seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "unmeasured warm-up run first, seconds")
    double warmupSeconds;

    @Option(names = "--batch", defaultValue = "1", description = "most frames per datagram when due together")
    int batch;

    @Mixin
    SenderOptions sending;

    @Option(names = "--receivers", defaultValue = "shared", converter = ReceiversConverter.class,
            description = "gateway receiver threads: per-bus (one blocking thread per bus) or shared (one thread "
                    + "waits on every bus's socket with a selector: fewer threads beside the senders on a small "
                    + "machine) or polling (one thread that never sleeps, so no send has to wake it), default "
                    + "${DEFAULT-VALUE}")
    BenchReceivers.Mode receivers;

    @Option(names = "--markdown", description = "print a Markdown table row")
    boolean markdown;

    @Mixin
    VerboseOption verbosity;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (warmupSeconds > 0) {
            run(warmupSeconds);
        }
        CpuSteal before = CpuSteal.now();
        Result r = run(seconds);
        String steal = CpuSteal.now().percentSince(before);
        String scenario = String.format(Locale.ROOT, "%d frames/s, %d bus%s, batch %d, %s, %s receivers", rate,
                buses, buses == 1 ? "" : "es", batch, sending.describe(buses), receivers);
        String load = loadAverage();
        if (markdown) {
            out.printf(Locale.ROOT, "| %s | %d | %.2f | %d | %d | %d | %s | %s | %s | %s |%n", scenario, r.frames,
                    r.durationSeconds, r.sent, r.dropped, r.frames - r.received, row(r.sender), row(r.receiver),
                    load, steal);
        } else {
            out.printf(Locale.ROOT, "%s: %d frames in %.2f s, sent %d, dropped %d, not received %d%n", scenario,
                    r.frames, r.durationSeconds, r.sent, r.dropped, r.frames - r.received);
            out.println("  sender   lateness " + RunSummary.percentiles(r.sender));
            out.println("  receiver lateness " + RunSummary.percentiles(r.receiver));
            out.println("  load average " + load + ", cpu steal during the run " + steal);
        }
        return r.dropped == 0 && r.received == r.frames ? 0 : 3;
    }

    /** Other work on the machine decides the tail; print it with every result (Linux only). */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String row(LatencySummary l) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.1f", l.p50Micros(), l.p99Micros(),
                l.p999Micros(), l.maxMicros());
    }

    private record Result(long frames, long sent, long dropped, long received, double durationSeconds,
                          LatencySummary sender, LatencySummary receiver) {
    }

    private Result run(double runSeconds) throws Exception {
        long frames = (long) (rate * runSeconds);
        long period = 1_000_000_000L / rate;
        InMemoryRecordSource source = new InMemoryRecordSource("synthetic", frames, i -> {
            int bus = 1 + i % buses;
            return CanFrame.classic(i * period, bus, 0x100 + bus, false, ByteBuffer.allocate(8).putLong(i).array());
        });
        Map<Integer, String> map = new HashMap<>();
        for (int bus = 1; bus <= buses; bus++) {
            map.put(bus, "bus" + bus);
        }
        ReplayOptions options = ReplayOptions.defaults().withChannelMap(new ChannelMap(map))
                .withTiming(8192, sending.spinMicros * 1_000, 200_000_000, batch);
        List<BenchGateway> gateways = new ArrayList<>();
        List<BusOutput> outputs = new ArrayList<>();
        BenchReceivers receiving = null;
        try {
            for (int bus = 1; bus <= buses; bus++) {
                BenchGateway gateway = new BenchGateway((int) (frames / buses + 1));
                gateways.add(gateway);
                outputs.add(new CannelloniUdpOutput("bus" + bus, gateway.address(), 0, 16, bus));
            }
            receiving = BenchReceivers.start(gateways, receivers);
            ReplaySession session = new ReplaySession(source, outputs, options, sending.clock(buses),
                    ReplaySession.defaultThreads(), SendObserver.NONE, sending.mode(buses));
            sending.beforeStart(spec.commandLine().getErr());
            session.start();
            sending.afterStart(session, buses, spec.commandLine().getErr());
            ReplayResult result = session.awaitResult();
            Histogram sender = new Histogram(60_000_000_000L, 3);
            result.outputs().forEach(o -> sender.add(o.lateness()));
            Histogram receiver = new Histogram(60_000_000_000L, 3);
            long received = 0;
            for (BenchGateway gateway : gateways) {
                gateway.drainAndClose(frames / buses, 2_000);
                receiver.add(gateway.lateness(session.timeline(), i -> i * period));
                received += gateway.received();
            }
            return new Result(frames, result.sent(), result.dropped(), received, result.durationNanos() / 1e9,
                    LatencySummary.of(sender), LatencySummary.of(receiver));
        } finally {
            for (BusOutput output : outputs) {
                output.close();
            }
            for (BenchGateway gateway : gateways) {
                gateway.close();
            }
            if (receiving != null) {
                receiving.close();
            }
        }
    }

    /** Accepts {@code per-bus} and {@code shared}. */
    static final class ReceiversConverter implements ITypeConverter<BenchReceivers.Mode> {
        @Override
        public BenchReceivers.Mode convert(String value) {
            return BenchReceivers.Mode.parse(value);
        }
    }
}
