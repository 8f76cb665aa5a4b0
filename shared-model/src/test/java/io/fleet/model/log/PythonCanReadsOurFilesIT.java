package io.fleet.model.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.asc.AscWriter;
import io.fleet.model.log.blf.BlfWriter;
import io.fleet.model.log.candump.CandumpWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * python-can, an implementation nobody here wrote, reads the ASC, candump and BLF files our writers write. Needs
 * python3 with python-can (Debian: {@code apt-get install python3-can}); skips where it is missing.
 */
class PythonCanReadsOurFilesIT {

    private static final String READ_SCRIPT = String.join("\n",
            "import can, sys",
            "path, kind = sys.argv[1], sys.argv[2]",
            "reader = (can.ASCReader(path, relative_timestamp=False) if kind == 'asc' else can.BLFReader(path)",
            "    if kind == 'blf' else can.CanutilsLogReader(path))",
            "for m in reader:",
            "    flags = ''.join(c for c, on in [('E', m.is_extended_id), ('R', m.is_remote_frame), ('F', m.is_fd),",
            "        ('B', m.bitrate_switch), ('I', m.error_state_indicator), ('T', not m.is_rx)] if on) or '-'",
            // a remote frame's DLC is what it requests; python-can's BLF reader also hands out its unused data field
            "    data = '' if m.is_remote_frame else bytes(m.data).hex().upper()",
            "    print(f'{m.timestamp:.6f} {m.channel} {m.arbitration_id:X} {flags} {m.dlc} {data}')");

    private static final List<CanFrame> FRAMES = List.of(
            CanFrame.classic(1_700_000_000_123_456_000L, 1, 0x123, false, new byte[] {1, 2, 3}),
            new CanFrame(1_700_000_000_223_456_000L, 2, 0x1C4D80A7, true, false, false, false, false, Direction.TX,
                    new byte[] {(byte) 0xAA, 0, 0, 0, 0, 0, 0, (byte) 0xFF}),
            CanFrame.remote(1_700_000_000_323_456_000L, 1, 0x100, false, 5, Direction.RX),
            CanFrame.remote(1_700_000_000_373_456_000L, 2, 0x18DAF110, true, 8, Direction.TX),
            CanFrame.remote(1_700_000_000_393_456_000L, 1, 0x101, false, 0, Direction.RX),
            new CanFrame(1_700_000_000_423_456_000L, 2, 0x7FF, false, false, true, true, false, Direction.TX,
                    LogTesting.counting(12)),
            new CanFrame(1_700_000_000_523_456_000L, 3, 0x12345, true, false, true, false, true, Direction.RX,
                    LogTesting.counting(64)),
            CanFrame.classic(1_700_000_001_623_456_000L, 1, 0, false, new byte[0]));

    @TempDir
    Path dir;

    private static String python;

    @BeforeAll
    static void needsPythonCan() throws InterruptedException {
        // Debian's python3-can lives in the system python, which a pyenv python3 on the PATH may shadow.
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            if (run(List.of(candidate, "-c", "import can")).exitCode == 0) {
                python = candidate;
                break;
            }
        }
        assumeTrue(python != null, "python3 with python-can is not installed (Debian: apt-get install python3-can)");
    }

    @Test
    void readsOurAsc() throws IOException, InterruptedException {
        Path file = dir.resolve("ours.asc");
        try (AscWriter writer = AscWriter.open(file, ZoneOffset.UTC)) {
            for (CanFrame frame : FRAMES) {
                writer.write(frame);
            }
        }
        // python-can numbers ASC channels from 0
        assertThat(readWithPythonCan(file, "asc")).containsExactlyElementsOf(describe(FRAMES, c -> "" + (c - 1)));
    }

    @Test
    void readsOurCandumpWithDirectionMarkers() throws IOException, InterruptedException {
        Path file = dir.resolve("ours.log");
        try (CandumpWriter writer = CandumpWriter.open(file, Map.of(3, "vcan7"), true)) {
            for (CanFrame frame : FRAMES) {
                writer.write(frame);
            }
        }
        assertThat(readWithPythonCan(file, "candump"))
                .containsExactlyElementsOf(describe(FRAMES, c -> c == 3 ? "vcan7" : "can" + (c - 1)));
    }

    @Test
    void readsOurBlfAcrossContainers() throws IOException, InterruptedException {
        List<CanFrame> frames = new ArrayList<>(FRAMES);
        // enough frames of every kind for several 128 KiB containers, objects cut at container ends
        for (int i = 0; i < 6_000; i++) {
            CanFrame f = FRAMES.get(i % FRAMES.size());
            frames.add(f.withTimestampNanos(1_700_000_002_000_000_000L + i * 1_001_000L).withChannel(1 + i % 4));
        }
        Path file = dir.resolve("ours.blf");
        try (BlfWriter writer = BlfWriter.open(file, ZoneOffset.UTC)) {
            for (CanFrame frame : frames) {
                writer.write(frame);
            }
        }
        // python-can numbers BLF channels from 0
        assertThat(readWithPythonCan(file, "blf")).containsExactlyElementsOf(describe(frames, c -> "" + (c - 1)));
    }

    private static List<String> describe(List<CanFrame> frames, IntFunction<String> channel) {
        List<String> lines = new ArrayList<>();
        for (CanFrame f : frames) {
            String flags = (f.extended() ? "E" : "") + (f.remote() ? "R" : "") + (f.fd() ? "F" : "")
                    + (f.bitRateSwitch() ? "B" : "") + (f.errorState() ? "I" : "")
                    + (f.direction() == Direction.TX ? "T" : "");
            lines.add(BigDecimal.valueOf(f.timestampNanos(), 9).setScale(6).toPlainString() + " "
                    + channel.apply(f.channel()) + " " + Integer.toHexString(f.id()).toUpperCase() + " "
                    + (flags.isEmpty() ? "-" : flags) + " " + (f.remote() ? f.remoteDlc() : f.dataLength()) + " "
                    + HexFormat.of().withUpperCase().formatHex(f.data()));
        }
        return lines;
    }

    private static List<String> readWithPythonCan(Path file, String kind) throws IOException, InterruptedException {
        Result result = run(List.of(python, "-c", READ_SCRIPT, file.toString(), kind));
        assertThat(result.exitCode).as("python-can failed: %s", result.output).isZero();
        return result.output.lines().toList();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // python-can reads ASC dates and BLF SYSTEMTIMEs in the local zone; ours are UTC
        builder.environment().put("TZ", "UTC");
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        }
    }
}
