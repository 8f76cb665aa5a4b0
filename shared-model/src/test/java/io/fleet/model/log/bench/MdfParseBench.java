package io.fleet.model.log.bench;

import io.fleet.model.TestData;
import io.fleet.model.bus.BusRecord;
import io.fleet.model.log.mdf.MdfCanReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Throughput of {@link MdfCanReader} on the real CANedge J1939 file (3.1 MB, 150,411 frames): reads it
 * {@code iterations} times after as many warm-up rounds and prints MB/s and frames/s. Not a test and not JMH; a
 * quick number for BENCHMARKS.md. Run from the repository or module directory:
 * <pre>java -cp shared-model/target/classes:shared-model/target/test-classes \
 *     io.fleet.model.log.bench.MdfParseBench [iterations] [file]</pre>
 */
public final class MdfParseBench {

    private MdfParseBench() {
    }

    public static void main(String[] args) throws IOException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path file = args.length > 1 ? Path.of(args[1]) : TestData.cssElectronics("j1939-demo-00000001.MF4");
        long size = Files.size(file);
        long checksum = 0;
        for (int i = 0; i < iterations; i++) {
            checksum += readOnce(file);
        }
        long frames = 0;
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            frames += readOnce(file);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("MdfParseBench: %s, %d iterations, %.3f s: %.1f MB/s, %.0f frames/s (%d frames/pass, %d)%n",
                file.getFileName(), iterations, seconds, size * iterations / seconds / 1e6, frames / seconds,
                frames / iterations, checksum);
    }

    private static long readOnce(Path file) throws IOException {
        long frames = 0;
        try (MdfCanReader reader = MdfCanReader.open(file, false)) {
            for (BusRecord record = reader.next(); record != null; record = reader.next()) {
                frames++;
            }
        }
        return frames;
    }
}
