package io.fleet.rig.cli;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.UdpDatagram;
import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.LogWriter;
import io.fleet.model.log.LogWriters;
import io.fleet.model.log.pcap.PcapWriter;
import io.fleet.rig.source.ReadAheadLogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hil-rig convert}: rewrites a drive log in another format, chosen by the output's extension: candump
 * ({@code .log}), ASC ({@code .asc}) or BLF ({@code .blf}) through the shared {@code LogWriters} for CAN frames,
 * pcap/pcapng for UDP datagrams. Records the target format cannot hold are counted and skipped.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a drive log; the output format follows the extension: .log (candump), .asc, .blf, "
                + ".pcap, .pcapng.")
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "drive log file or s3://bucket/key")
    String input;

    @Parameters(index = "1", paramLabel = "OUT", description = "output file")
    Path output;

    @Mixin
    InputOptions inputs;

    /** One output format. */
    private interface RecordSink extends AutoCloseable {
        /** @return false when the format cannot hold the record */
        boolean write(BusRecord record) throws IOException;

        @Override
        void close() throws IOException;
    }

    @Override
    public Integer call() throws Exception {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        long written = 0;
        long skipped = 0;
        try (RecordSink sink = sinkFor(name)) {
            if (sink == null) {
                spec.commandLine().getErr().println("convert: " + output + ": writable formats are candump (.log), "
                        + "ASC (.asc), BLF (.blf), .pcap and .pcapng");
                return 2;
            }
            // Parsing on a read-ahead thread, formatting and writing here: both cores work.
            try (LogReader reader = ReadAheadLogReader.start(inputs.source(input).open())) {
                BusRecord record;
                while ((record = reader.next()) != null) {
                    if (sink.write(record)) {
                        written++;
                    } else {
                        skipped++;
                    }
                }
            }
        }
        spec.commandLine().getOut().printf("%d records written to %s, %d skipped (not representable)%n", written,
                output, skipped);
        return 0;
    }

    private RecordSink sinkFor(String name) throws IOException {
        java.util.Optional<LogFormat> format = LogFormat.fromFileName(name);
        if (format.isPresent() && LogWriters.canWrite(format.get())) {
            LogWriter writer = LogWriters.open(output, format.get());
            return new RecordSink() {
                @Override
                public boolean write(BusRecord record) throws IOException {
                    if (record instanceof CanFrame frame) {
                        writer.write(frame);
                        return true;
                    }
                    return false;
                }

                @Override
                public void close() throws IOException {
                    writer.close();
                }
            };
        }
        if (name.endsWith(".pcap") || name.endsWith(".pcapng")) {
            PcapWriter pcap = PcapWriter.create(output, name.endsWith(".pcapng") ? PcapWriter.Format.PCAPNG
                    : PcapWriter.Format.PCAP_NANOS);
            return new RecordSink() {
                @Override
                public boolean write(BusRecord record) throws IOException {
                    if (record instanceof UdpDatagram datagram) {
                        pcap.write(datagram);
                        return true;
                    }
                    return false;
                }

                @Override
                public void close() throws IOException {
                    pcap.close();
                }
            };
        }
        return null;
    }
}
