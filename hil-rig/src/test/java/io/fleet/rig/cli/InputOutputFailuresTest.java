package io.fleet.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local inputs and outputs that fail: each says in one stderr line which file or output and why, with exit code 1
 * for I/O and 2 for usage, and no stack trace unless {@code --verbose}. Runs the real command dispatch.
 */
class InputOutputFailuresTest {

    /** A real CANedge log (unfinalized MDF 4.11, one ##DT block at byte 106776, 20-byte records). */
    private static final Path J1939 = Path.of("../testdata/can/css-electronics/j1939-demo-00000001.MF4");

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsNamedWithNoSuchFile() {
        String missing = dir.resolve("rt/logs/nonexistent.log").toString();

        for (String[] args : List.of(new String[] {"info", missing}, new String[] {"convert", missing, out("a.asc")},
                new String[] {"convert", missing, out("b.asc"), "--cache-size-gb", "1"},
                new String[] {"replay", missing, "--out", "loopback://a", "--no-progress"})) {
            CliRun run = CliRun.of(args);

            assertOneLine(run, 1, "hil-rig " + args[0] + ": cannot read " + missing + ": no such file");
        }
        assertThat(dir.resolve("a.asc")).as("no output is left behind").doesNotExist();
    }

    @Test
    void aDirectoryIsNamedAsOne() {
        CliRun info = CliRun.of("info", dir.toString());
        CliRun convert = CliRun.of("convert", dir.toString(), out("x.log"));

        assertOneLine(info, 1, "hil-rig info: cannot read " + dir + ": is a directory");
        assertOneLine(convert, 1, "hil-rig convert: cannot read " + dir + ": is a directory");
    }

    @Test
    void anMf4CutShortByOneByteIsReportedWithItsOffsetBlockAndRecord() throws Exception {
        Path cut = cutCopy(1);
        String reason = cut + " at byte 3081175: truncated: the file ends inside the record of channel group "
                + "'CAN1_Rx_IDE' in the ##DT block at byte 106776 (19 of 20 bytes): at least 1 record lost, "
                + "1 byte missing";

        assertOneLine(CliRun.of("info", cut.toString()), 1, "hil-rig info: " + reason);
        assertOneLine(CliRun.of("convert", cut.toString(), out("cut.log")), 1, "hil-rig convert: " + reason);
        assertOneLine(CliRun.of("replay", cut.toString(), "--out", "loopback://a", "--no-progress", "--speed",
                "1000000"), 1, "hil-rig replay: stopped after 150410 records: " + reason);
    }

    @Test
    void lenientReadsWhatIsThereAndSaysHowMuchWasCut() throws Exception {
        Path cut = cutCopy(30); // the last record (20 bytes) and half of the one before
        String warning = " is truncated at byte 3081155: the file ends inside the record of channel group "
                + "'CAN1_Rx_IDE' in the ##DT block at byte 106776 (10 of 20 bytes): at least 1 record lost, "
                + "10 bytes missing; read the 150409 records before it";

        CliRun info = CliRun.of("info", cut.toString(), "--lenient");
        CliRun convert = CliRun.of("convert", cut.toString(), out("cut.log"), "--lenient");
        CliRun replay = CliRun.of("replay", cut.toString(), "--lenient", "--out", "loopback://a", "--no-progress",
                "--speed", "1000000");

        assertOneLine(info, 0, "hil-rig info: warning: " + cut + warning);
        assertThat(info.out()).contains(cut + ": 150409 records");
        assertOneLine(convert, 0, "hil-rig convert: warning: " + cut + warning);
        assertThat(convert.out()).contains("150409 records written");
        assertThat(Files.readAllLines(dir.resolve("cut.log"))).hasSize(150_409);
        assertOneLine(replay, 0, "hil-rig replay: warning: " + cut + warning);
        assertThat(replay.out()).contains("150409 read, 150409 sent, 0 dropped");
    }

    @Test
    void aCandumpLogCutInsideItsLastLineIsNotReadAsAShorterFrame() throws Exception {
        // what is left of "(2.0) can0 002#0011223344556677"
        Path cut = Files.writeString(dir.resolve("cut.log"), "(1.0) can0 001#01\n(2.0) can0 002#0011");

        CliRun strict = CliRun.of("convert", cut.toString(), out("strict.asc"));
        CliRun lenient = CliRun.of("convert", cut.toString(), out("lenient.asc"), "--lenient");

        String what = "the file ends inside the line 2, which has no line end (19 of 20 bytes): at least 1 record "
                + "lost, 1 byte missing";
        assertOneLine(strict, 1, "hil-rig convert: " + cut + ":2: truncated: " + what);
        assertOneLine(lenient, 0, "hil-rig convert: warning: " + cut + " is truncated at byte 18: " + what
                + "; read the 1 record before it");
        assertThat(lenient.out()).contains("1 records written");
    }

    @Test
    void aBadOutputUriIsAUsageError() {
        CliRun run = CliRun.of("replay", J1939.toString(), "--out", "bad://x", "--no-progress");

        assertOneLine(run, 2, "hil-rig replay: bad output URI 'bad://x': unknown output scheme 'bad'; use "
                + "cannelloni://, udp://, socketcan:// or loopback://");
    }

    @Test
    void aBadPrefillIsAUsageErrorNamingTheOptionAndNothingIsReplayed() {
        CliRun soon = CliRun.of("replay", J1939.toString(), "--out", "loopback://a", "--no-progress", "--prefill",
                "soon");
        CliRun negative = CliRun.of("replay", J1939.toString(), "--out", "loopback://a", "--no-progress",
                "--prefill", "-1s");

        assertOneLine(soon, 2, "hil-rig replay: --prefill: duration 'soon' is not like 250ms, 1.5s, 2m or 1h");
        assertOneLine(negative, 2, "hil-rig replay: --prefill: duration '-1s' must not be negative");
        assertThat(soon.out()).as("nothing was replayed").isEmpty();
    }

    @Test
    void anOutputPortInUseIsNamed() throws Exception {
        try (DatagramChannel taken = DatagramChannel.open()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            String uri = "cannelloni://127.0.0.1:20000?local=" + port;

            CliRun run = CliRun.of("replay", J1939.toString(), "--out", uri, "--no-progress");

            assertOneLine(run, 1, "hil-rig replay: cannot open output " + uri + ": address already in use");
        }
    }

    @Test
    void outputsInAMissingDirectoryAreNamedBeforeAnythingRuns() {
        Path nowhere = dir.resolve("nowhere");

        CliRun convert = CliRun.of("convert", J1939.toString(), nowhere.resolve("x.log").toString());
        CliRun replay = CliRun.of("replay", J1939.toString(), "--out", "loopback://a", "--no-progress", "--report",
                nowhere.resolve("kpi.json").toString());

        assertOneLine(convert, 1, "hil-rig convert: cannot write " + nowhere.resolve("x.log") + ": no such directory "
                + nowhere);
        assertOneLine(replay, 1, "hil-rig replay: cannot write " + nowhere.resolve("kpi.json")
                + ": no such directory " + nowhere);
        assertThat(replay.out()).as("nothing was replayed").isEmpty();
    }

    @Test
    void verbosePrintsTheStackTraceAfterTheLine() {
        String missing = dir.resolve("missing.log").toString();

        CliRun run = CliRun.of("info", missing, "--verbose");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("hil-rig info: cannot read " + missing + ": no such file\n")
                .contains("IoFailure", "\tat ", "Caused by: java.nio.file.NoSuchFileException");
    }

    private String out(String name) {
        return dir.resolve(name).toString();
    }

    /** A copy of the CANedge log without its last {@code bytes} bytes; testdata stays as it is. */
    private Path cutCopy(int bytes) throws Exception {
        byte[] whole = Files.readAllBytes(J1939);
        return Files.write(dir.resolve("cut.MF4"), Arrays.copyOf(whole, whole.length - bytes));
    }

    static void assertOneLine(CliRun run, int exitCode, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.err()).isEqualTo(line + "\n").doesNotContain("\tat ", "DEBUG");
    }
}
