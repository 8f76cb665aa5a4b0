package io.fleet.rig.cli;

import io.fleet.model.log.LogReader;
import io.fleet.rig.report.LogSummary;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hil-rig info}: frames, duration, ids and bus load per channel of a drive log. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Summarize a drive log: frames, duration, ids and estimated bus load per channel.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", description = "drive log file or s3://bucket/key")
    String input;

    @Option(names = "--bitrate", defaultValue = "500000",
            description = "nominal CAN bit rate, default ${DEFAULT-VALUE}")
    long bitrate;

    @Option(names = "--data-bitrate", defaultValue = "2000000",
            description = "CAN FD data-phase bit rate, default ${DEFAULT-VALUE}")
    long dataBitrate;

    @Mixin
    InputOptions inputs;

    @Mixin
    VerboseOption verbosity;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LogSummary summary;
        try (LogReader reader = inputs.source(input).open()) {
            summary = LogSummary.of(reader, bitrate, dataBitrate);
            CommandFailures.warnAboutSkipped(spec.qualifiedName(), input, reader.stats(), spec.commandLine().getErr());
        }
        out.printf(Locale.ROOT, "%s: %d records, %.3f s%n", input, summary.records(), summary.durationSeconds());
        for (Map.Entry<Integer, LogSummary.Channel> e : summary.channels().entrySet()) {
            LogSummary.Channel c = e.getValue();
            if (c.canFrames() > 0) {
                out.printf(Locale.ROOT, "  channel %d: %d CAN frames, %d ids, bus load %.1f%% of %d bit/s%n",
                        e.getKey(), c.canFrames(), c.ids().size(),
                        100 * c.busLoad(bitrate, summary.durationSeconds()), bitrate);
                out.println("    ids: " + c.ids().stream().map(id -> String.format(Locale.ROOT, "0x%X", id))
                        .collect(Collectors.joining(" ")));
            }
            if (c.datagrams() > 0) {
                out.printf(Locale.ROOT, "  channel %d: %d UDP datagrams%n", e.getKey(), c.datagrams());
            }
        }
        return 0;
    }
}
