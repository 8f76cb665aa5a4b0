package io.fleet.rig.cli;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.log.LogReader;
import io.fleet.rig.capture.CandumpLineWriter;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hil-rig convert}: rewrites a drive log in another format. Writes candump only until the shared
 * {@code LogWriters} land on main; then every format they support.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a drive log; the output format follows the extension (candump .log for now).")
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "drive log file or s3://bucket/key")
    String input;

    @Parameters(index = "1", paramLabel = "OUT", description = "output file")
    Path output;

    @Mixin
    S3Options s3;

    @Override
    public Integer call() throws Exception {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".log") && !name.endsWith(".candump")) {
            spec.commandLine().getErr().println("convert: only candump output (.log) until the shared log writers "
                    + "are merged; asked for " + output);
            return 2;
        }
        long written = 0;
        try (LogReader reader = s3.source(input).open();
             BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.US_ASCII)) {
            BusRecord record;
            while ((record = reader.next()) != null) {
                String line = CandumpLineWriter.format(record, "can" + (record.channel() - 1));
                if (line != null) {
                    out.write(line);
                    out.write('\n');
                    written++;
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d frames written to %s%n", written, output);
        return 0;
    }
}
