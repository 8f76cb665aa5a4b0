package io.fleet.model.can.dbc.bench;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.dbc.DbcDatabase;
import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.can.dbc.DbcParser;
import io.fleet.model.can.dbc.DbcSignal;
import io.fleet.model.can.dbc.DbcTestFiles;
import io.fleet.model.can.dbc.SignalValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Decode throughput, single thread: J1939 EEC1 frames (1 signal) and the body controller's BCM_BodyStatus (12
 * signals), message-level (map of {@link SignalValue}, or physical values into a reused {@code double[]}) and
 * signal-level (one double, no allocation). A plain loop
 * with warm-up and 5 timed rounds, not JMH: good for the order of magnitude, not for nanosecond comparisons.
 *
 * <p>Run after {@code ./mvnw -pl shared-model test-compile}:
 * {@code java -cp shared-model/target/classes:shared-model/target/test-classes
 * io.fleet.model.can.dbc.bench.DbcDecodeBench}
 */
public final class DbcDecodeBench {

    private static final int FRAMES = 1024;
    private static final int ITERATIONS = 5_000_000;

    private DbcDecodeBench() {
    }

    public static void main(String[] args) throws Exception {
        DbcDatabase j1939 = DbcParser.parse(DbcTestFiles.j1939Demo());
        DbcDatabase body = DbcParser.parse(DbcTestFiles.bodyController());
        DbcMessage eec1 = j1939.message("EEC1").orElseThrow();
        DbcMessage bodyStatus = body.message("BCM_BodyStatus").orElseThrow();
        DbcSignal engineSpeed = eec1.signal("EngineSpeed").orElseThrow();
        CanFrame[] eec1Frames = frames(eec1, new Random(1));
        CanFrame[] bodyFrames = frames(bodyStatus, new Random(2));
        byte[][] eec1Payloads = Arrays.stream(eec1Frames).map(CanFrame::data).toArray(byte[][]::new);

        System.out.printf("%s, %d cores, %s%n", System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"));
        run("EEC1 decode(CanFrame) -> Map, 1 signal", eec1Frames, f -> sum(eec1.decode(f)));
        run("BCM_BodyStatus decode(CanFrame) -> Map, 12 signals", bodyFrames, f -> sum(bodyStatus.decode(f)));
        double[] physical = new double[bodyStatus.signals().size()];
        run("BCM_BodyStatus decodePhysical(CanFrame, double[])", bodyFrames, f -> {
            bodyStatus.decodePhysical(f, physical);
            return physical[0];
        });
        run("EngineSpeed decode(byte[]) -> double", eec1Payloads, engineSpeed::decode);
    }

    private static CanFrame[] frames(DbcMessage message, Random random) {
        CanFrame[] frames = new CanFrame[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            byte[] payload = new byte[message.length()];
            random.nextBytes(payload);
            frames[i] = CanFrame.classic(i, 1, message.id(), message.isExtended(), payload);
        }
        return frames;
    }

    private static double sum(Map<String, SignalValue> values) {
        double sum = 0;
        for (SignalValue value : values.values()) {
            sum += value.physical();
        }
        return sum;
    }

    private static <T> void run(String name, T[] inputs, ToDoubleFunction<T> decode) {
        double sink = 0;
        long warmUpEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmUpEnd) {
            for (T input : inputs) {
                sink += decode.applyAsDouble(input);
            }
        }
        double[] nanosPerFrame = new double[5];
        for (int round = 0; round < nanosPerFrame.length; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < ITERATIONS; i++) {
                sink += decode.applyAsDouble(inputs[i & (FRAMES - 1)]);
            }
            nanosPerFrame[round] = (System.nanoTime() - start) / (double) ITERATIONS;
        }
        Arrays.sort(nanosPerFrame);
        double median = nanosPerFrame[nanosPerFrame.length / 2];
        System.out.printf("%-52s median %7.1f ns/frame (best %6.1f)  %,12.0f frames/s   [sink %.0f]%n", name, median,
                nanosPerFrame[0], 1e9 / median, sink);
    }
}
