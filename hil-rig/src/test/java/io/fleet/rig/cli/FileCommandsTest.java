package io.fleet.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.LogReaders;
import io.fleet.model.log.ReadOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code info} and {@code convert} on candump, ASC, BLF and MDF4 files. */
class FileCommandsTest {

    @TempDir
    Path dir;

    /** 101 frames 10 ms apart on can0 (id 0x100, 8 bytes) and 10 on can1 (extended 0x18FF0001, 2 bytes). */
    private Path driveLog() throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i <= 100; i++) {
            log.append(String.format("%s can0 100#0011223344556677%n", stamp(i * 10_000)));
            if (i % 10 == 0 && i < 100) {
                log.append(String.format("%s can1 18FF0001#ABCD%n", stamp(i * 10_000 + 5)));
            }
        }
        return Files.writeString(dir.resolve("drive.log"), log);
    }

    private static String stamp(long micros) {
        return String.format("(%d.%06d)", 1_700_000_000 + micros / 1_000_000, micros % 1_000_000);
    }

    @Test
    void infoPrintsFramesDurationIdsAndBusLoadPerChannel() throws Exception {
        CliRun run = CliRun.of("info", driveLog().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("111 records, 1.000 s");
        // 101 * (47 + 64) bits in 1 s at 500 kbit/s = 2.2 %
        assertThat(run.out()).contains("channel 1: 101 CAN frames, 1 ids, bus load 2.2% of 500000 bit/s");
        assertThat(run.out()).contains("ids: 0x100");
        // 10 * (67 + 16) bits = 830 bits = 0.2 %
        assertThat(run.out()).contains("channel 2: 10 CAN frames, 1 ids, bus load 0.2%", "ids: 0x18FF0001");
    }

    @Test
    void convertRewritesCandumpLosslessly() throws Exception {
        Path in = driveLog();
        Path out = dir.resolve("copy.log");

        CliRun run = CliRun.of("convert", in.toString(), out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("111 records written");
        assertThat(Files.readString(out)).isEqualTo(Files.readString(in));
    }

    @Test
    void convertWritesMf4HoldingTheSameFrames() throws Exception {
        for (Path in : List.of(driveLog(), Path.of("../testdata/can/python-can/test_CanFdMessage64.asc"),
                Path.of("../testdata/can/python-can/test_CanRemoteMessage.asc"))) {
            Path out = dir.resolve("converted.mf4");

            CliRun run = CliRun.of("convert", in.toString(), out.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(LogFormat.detect(out)).isEqualTo(LogFormat.MDF4);
            List<BusRecord> frames = records(in);
            assertThat(frames).isNotEmpty();
            assertThat(run.out()).contains(frames.size() + " records written");
            assertThat(records(out)).containsExactlyElementsOf(frames);
        }
    }

    @Test
    void convertWritesBlfHoldingTheSameFrames() throws Exception {
        for (Path in : List.of(driveLog(), Path.of("../testdata/can/python-can/test_CanFdMessage64.asc"))) {
            Path out = dir.resolve("converted.blf");

            CliRun run = CliRun.of("convert", in.toString(), out.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(LogFormat.detect(out)).isEqualTo(LogFormat.BLF);
            List<BusRecord> frames = records(in);
            assertThat(frames).isNotEmpty();
            assertThat(run.out()).contains(frames.size() + " records written");
            assertThat(records(out)).containsExactlyElementsOf(frames);
        }
    }

    private static List<BusRecord> records(Path file) throws IOException {
        List<BusRecord> records = new ArrayList<>();
        try (LogReader reader = LogReaders.open(file, ReadOptions.strict())) {
            for (BusRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        }
        return records;
    }

    @Test
    void infoReadsARealCanedgeMdf4File() {
        Path mf4 = Path.of("../testdata/can/css-electronics/j1939-demo-00000001.MF4");

        CliRun run = CliRun.of("info", mf4.toString(), "--bitrate", "250000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("\\d+ records, \\d+\\.\\d{3} s")
                .containsPattern("channel \\d+: \\d+ CAN frames, \\d+ ids, bus load \\d+\\.\\d% of 250000 bit/s");
    }

    @Test
    void unknownFormatsAreRejectedWithTheFileName() throws Exception {
        Path unknown = Files.writeString(dir.resolve("drive.xyz"), "nothing a logger writes\n");

        CliRun run = CliRun.of("info", unknown.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("drive.xyz", "not a known drive-log format");
    }

    @Test
    void infoAndConvertReadAscAndBlfThroughTheSharedReaders() throws Exception {
        Path blf = Path.of("../testdata/can/python-can/test_CanMessage.blf");
        Path asc = dir.resolve("from-blf.asc");

        CliRun info = CliRun.of("info", blf.toString());
        CliRun convert = CliRun.of("convert", blf.toString(), asc.toString());
        CliRun again = CliRun.of("info", asc.toString());

        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(convert.exitCode()).as(convert.err()).isZero();
        String records = info.out().replaceAll("(?s).*?: (\\d+ records).*", "$1");
        assertThat(again.out()).contains(records);
    }

    @Test
    void thePlainConvertFormWritesWhatThePicocliFormWrites() throws Exception {
        Path in = driveLog();
        Path plainOut = dir.resolve("plain.asc");
        Path picocliOut = dir.resolve("picocli.asc");
        String[] plain = {"convert", in.toString(), plainOut.toString()};
        // an option the plain form does not take sends the same conversion through picocli
        String[] throughPicocli = {"convert", in.toString(), picocliOut.toString(), "--cache-size-gb", "1"};

        assertThat(ConvertCommand.runPlainForm(plain, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()))).hasValue(0);
        assertThat(ConvertCommand.runPlainForm(throughPicocli, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()))).isEmpty();
        CliRun second = CliRun.of(throughPicocli);

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("111 records written to " + picocliOut);
        assertThat(Files.readString(plainOut)).isEqualTo(Files.readString(picocliOut)).contains("End TriggerBlock");
    }

    @Test
    void everyFormButThePlainOneIsLeftToPicocli() {
        for (String[] args : List.of(new String[] {"convert", "--help"}, new String[] {"convert", "a.log"},
                new String[] {"convert", "a.log", "b.asc", "c.asc"}, new String[] {"convert", "@args.txt", "b.asc"},
                new String[] {"convert", "s3://bucket/a.log", "b.asc"}, new String[] {"info", "a.log", "b.asc"},
                new String[] {"convert", "a.log", "b.asc", "--lenient", "--lenient"},
                new String[] {"convert", "-", "b.asc"})) {
            assertThat(ConvertCommand.runPlainForm(args, new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()))).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void thePlainFormReportsABadLineWithFileAndLineAndLenientSkipsIt() throws Exception {
        Path in = Files.writeString(dir.resolve("bad.log"),
                "(1700000000.000000) can0 100#00\n(1700000000.001000) can0 XYZ#00\n(1700000000.002000) can0 101#01\n");
        Path out = dir.resolve("out.log");

        CliRun strict = CliRun.of("convert", in.toString(), out.toString());
        CliRun lenient = CliRun.of("convert", "--lenient", in.toString(), out.toString());

        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.err()).isEqualTo("hil-rig convert: " + in + ":2: bad hex digit 'X' in id\n");
        assertThat(lenient.exitCode()).as(lenient.err()).isZero();
        assertThat(lenient.out()).contains("2 records written");
        assertThat(lenient.err()).isEqualTo("hil-rig convert: warning: " + in + ": 1 malformed record skipped\n");
        assertThat(Files.readAllLines(out)).hasSize(2);
    }
}
