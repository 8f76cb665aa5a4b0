package io.fleet.model.log.bench;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.LogReaders;
import io.fleet.model.log.LogWriter;
import io.fleet.model.log.LogWriters;
import io.fleet.model.log.ReadOptions;
import io.fleet.model.log.blf.BlfFileBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Parse throughput of the log readers. Not a test (no test asserts on speed): run by hand, e.g.
 * <pre>
 * ./mvnw -B -q -o -pl shared-model test-compile
 * java -cp shared-model/target/classes:shared-model/target/test-classes \
 *     io.fleet.model.log.bench.LogParseBench 2000000 5
 * </pre>
 * Writes a candump, an ASC and a BLF file of N frames to /tmp (a drive-like mix: 80 % classic 8-byte frames, 10 %
 * extended ids, 10 % CAN FD of 12-64 bytes, 1 ms apart on 2 channels), then reads each file several times and
 * prints MB/s and frames/s per run and the best run. The first runs include JIT warm-up.
 */
public final class LogParseBench {

    private LogParseBench() {
    }

    public static void main(String[] args) throws IOException {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        PrintStream out = System.out;
        out.printf("LogParseBench: %,d frames, %d runs, Java %s, %d cores%n", frames, runs,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        for (LogFormat format : new LogFormat[] {LogFormat.CANDUMP, LogFormat.ASC, LogFormat.BLF}) {
            Path file = Files.createTempFile(Path.of("/tmp"), "logparsebench-", "." + format.extensions().get(0));
            try {
                generate(file, format, frames);
                measure(out, file, format, runs);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void generate(Path file, LogFormat format, int count) throws IOException {
        if (format == LogFormat.BLF) {
            generateBlf(file, count);
            return;
        }
        Random random = new Random(42);
        long t = 1_700_000_000_000_000_000L;
        try (LogWriter writer = LogWriters.open(file, format)) {
            for (int i = 0; i < count; i++) {
                t += 1_000_000L;
                int kind = random.nextInt(10);
                int channel = 1 + (i & 1);
                CanFrame frame;
                if (kind == 0) {
                    frame = CanFrame.fd(t, channel, random.nextInt(0x800), false, true, false,
                            randomBytes(random, CanFrame.lengthForDlc(9 + random.nextInt(7), true)));
                } else if (kind == 1) {
                    frame = CanFrame.classic(t, channel, random.nextInt(0x2000_0000), true, randomBytes(random, 8));
                } else {
                    frame = new CanFrame(t, channel, random.nextInt(0x800), false, false, false, false, false,
                            kind == 2 ? Direction.TX : Direction.RX, randomBytes(random, 8));
                }
                writer.write(frame);
            }
        }
    }

    /** Same mix as the text files, as CANoe writes it: CAN_MESSAGE and CAN_FD_MESSAGE_64 in 128 KiB zlib containers. */
    private static void generateBlf(Path file, int count) throws IOException {
        Random random = new Random(42);
        BlfFileBuilder blf = new BlfFileBuilder(2023, 11, 14, 22, 13, 20, 0);
        for (int i = 0; i < count; i++) {
            long t = (i + 1) * 1_000_000L;
            int kind = random.nextInt(10);
            int channel = 1 + (i & 1);
            if (kind == 0) {
                int length = CanFrame.lengthForDlc(9 + random.nextInt(7), true);
                blf.canFd64(t, channel, CanFrame.dlcForLength(length), length, random.nextInt(0x800), 0x3000, 0,
                        randomBytes(random, length));
            } else {
                int id = kind == 1 ? random.nextInt(0x2000_0000) | 0x8000_0000 : random.nextInt(0x800);
                blf.canMessage(t, channel, kind == 2 ? 1 : 0, 8, id, randomBytes(random, 8));
            }
            if (blf.pendingSize() >= 128 * 1024) {
                blf.containers(true, 128 * 1024);
            }
        }
        Files.write(file, blf.containers(true, 128 * 1024).build());
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    private static void measure(PrintStream out, Path file, LogFormat format, int runs) throws IOException {
        double megabytes = Files.size(file) / 1e6;
        out.printf("%-8s %s: %.1f MB%n", format, file, megabytes);
        double[] mbPerSecond = new double[runs];
        double[] framesPerSecond = new double[runs];
        long checksum = 0;
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            long count = 0;
            try (LogReader reader = LogReaders.open(file, format, ReadOptions.strict())) {
                for (BusRecord r = reader.next(); r != null; r = reader.next()) {
                    checksum += ((CanFrame) r).id();
                    count++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            mbPerSecond[run] = megabytes / seconds;
            framesPerSecond[run] = count / seconds;
            out.printf("  run %d: %,d frames in %.3f s = %.1f MB/s, %,.0f frames/s%n", run + 1, count, seconds,
                    mbPerSecond[run], framesPerSecond[run]);
        }
        out.printf("  best: %.1f MB/s, %,.0f frames/s (checksum %d)%n", Arrays.stream(mbPerSecond).max().orElse(0),
                Arrays.stream(framesPerSecond).max().orElse(0), checksum);
    }
}
