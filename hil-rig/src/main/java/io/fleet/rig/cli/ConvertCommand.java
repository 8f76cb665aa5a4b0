package io.fleet.rig.cli;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.LogWriter;
import io.fleet.model.log.LogWriters;
import io.fleet.rig.failure.IoFailure;
import io.fleet.rig.replay.RecordSource;
import io.fleet.rig.source.FileRecordSource;
import io.fleet.rig.source.LogOpener;
import io.fleet.rig.source.ReadAheadLogReader;
import io.fleet.rig.source.S3Location;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hil-rig convert}: rewrites a drive log in another format, chosen by the output's extension through
 * {@link LogFormat#forOutput} and written by {@link LogWriters}. A target that cannot hold the source's records (CAN
 * frames into pcap, UDP datagrams into ASC) is refused before anything is read or written; a record of another kind
 * in a mixed source is counted and skipped.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a drive log; the output format follows the extension: .log (candump), .asc, .blf, "
                + ".pcap, .pcapng.")
final class ConvertCommand implements Callable<Integer> {

    private static final String COMMAND = "hil-rig convert";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "drive log file or s3://bucket/key")
    String input;

    @Parameters(index = "1", paramLabel = "OUT", description = "output file")
    Path output;

    @Mixin
    InputOptions inputs;

    @Mixin
    VerboseOption verbosity;

    @Override
    public Integer call() throws Exception {
        return convert(inputs.source(input), input, output, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * The plain form {@code convert IN OUT [--lenient]} on local files, which scripts and batch jobs run most, without
     * picocli: building picocli's model of even one command costs ~0.12 s of a JVM's start (its class files predate
     * the split verifier and CDS), a fifth of converting a 70 MB log. Anything else (help, other options, an
     * {@code s3://} input, an {@code @}argument file, a wrong number of arguments) is left to picocli: empty.
     */
    static OptionalInt runPlainForm(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length < 3 || args.length > 4 || !"convert".equals(args[0])) {
            return OptionalInt.empty();
        }
        List<String> files = new ArrayList<>(2);
        boolean lenient = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if ("--lenient".equals(arg) && !lenient) {
                lenient = true;
            } else if (arg.isEmpty() || arg.startsWith("-") || arg.startsWith("@")) {
                return OptionalInt.empty();
            } else {
                files.add(arg);
            }
        }
        if (files.size() != 2 || S3Location.isS3(files.get(0))) {
            return OptionalInt.empty();
        }
        try {
            RecordSource source = new FileRecordSource(Path.of(files.get(0)), LogOpener.builtIn(lenient));
            return OptionalInt.of(convert(source, files.get(0), Path.of(files.get(1)), out, err));
        } catch (Exception e) {
            // as RigCommands' execution exception handler says it for the picocli path
            return OptionalInt.of(CommandFailures.report(COMMAND, e, false, err));
        }
    }

    private static int convert(RecordSource source, String input, Path output, PrintWriter out, PrintWriter err)
            throws IOException {
        // refused before anything is read or written: an unwritable target, or one that cannot hold the records
        LogFormat target = LogFormat.forOutput(output);
        Optional<LogFormat> from = source.format();
        if (from.isPresent()) {
            target.requireCanHold(from.get().holds(), input + " (" + from.get() + ")", output);
        }
        long written = 0;
        long skipped = 0;
        // the input first: a missing input leaves no empty output behind
        try (LogReader reader = ReadAheadLogReader.start(source.open()); LogWriter writer = writerFor(output, target)) {
            // Parsing on a read-ahead thread, formatting and writing here: both cores work.
            BusRecord record;
            while ((record = reader.next()) != null) {
                if (!target.canHold(record)) {
                    skipped++;
                    continue;
                }
                try {
                    writer.write(record);
                } catch (IOException e) {
                    throw IoFailure.writing(output, e);
                }
                written++;
            }
            CommandFailures.warnAboutSkipped(COMMAND, input, reader.stats(), err);
        }
        out.printf(Locale.ROOT, "%d records written to %s, %d skipped (not representable)%n", written, output, skipped);
        return 0;
    }

    private static LogWriter writerFor(Path output, LogFormat format) throws IOException {
        try {
            return LogWriters.open(output, format);
        } catch (IOException e) {
            throw IoFailure.writing(output, e);
        }
    }
}
