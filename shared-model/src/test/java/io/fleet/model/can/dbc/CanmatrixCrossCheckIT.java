package io.fleet.model.can.dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An implementation nobody here wrote is the judge: canmatrix (Debian's {@code python3-canmatrix}) decodes the same
 * random payloads with the same DBC files, and every signal value must agree. Covers the repository's DBCs, our
 * example, and 400 random single-signal layouts (both byte orders, lengths 1..64, signed, scaled, float).
 * Skips when canmatrix is not installed.
 */
class CanmatrixCrossCheckIT {

    private static final String PYTHON = "/usr/bin/python3";
    /** Reads "id extended hex" lines, prints "line signal raw physical" per decoded signal. */
    private static final String DECODER = """
            import sys, warnings
            warnings.simplefilter("ignore")
            import canmatrix, canmatrix.formats
            db = canmatrix.formats.loadp_flat(sys.argv[1])
            for index, line in enumerate(sys.stdin):
                ident, extended, payload = line.split()
                frame = db.frame_by_id(canmatrix.ArbitrationId(id=int(ident), extended=extended == "1"))
                for name, value in frame.decode(bytearray.fromhex(payload)).items():
                    print(index, name, value.raw_value, float(value.phys_value))
            """;

    @BeforeAll
    static void requireCanmatrix() throws Exception {
        boolean available = Files.isExecutable(Path.of(PYTHON))
                && run(List.of(PYTHON, "-c", "import canmatrix.formats"), "").exitCode == 0;
        assumeTrue(available, "canmatrix is not installed (Debian package python3-canmatrix); cross-check skipped");
    }

    @Test
    void repositoryDbcsDecodeLikeCanmatrix() throws Exception {
        for (Path file : new Path[] {DbcTestFiles.j1939Demo(), DbcTestFiles.gnss(), DbcTestFiles.bodyController()}) {
            assertSameDecodes(file, 50, new Random(file.getFileName().toString().hashCode()));
        }
    }

    @Test
    void randomLayoutsDecodeLikeCanmatrix(@TempDir Path dir) throws Exception {
        Random random = new Random(4242);
        StringBuilder dbc = new StringBuilder("VERSION \"\"\nNS_ :\nBS_:\nBU_: A\n");
        StringBuilder valueTypes = new StringBuilder();
        for (int id = 1; id <= 400; id++) {
            int payloadLength = id % 5 == 0 ? 16 : 8;
            boolean intel = random.nextBoolean();
            int length = 1 + random.nextInt(64);
            String encoding = random.nextBoolean() ? "-" : "+";
            if (id % 7 == 0) {
                length = 32;
                valueTypes.append("SIG_VALTYPE_ ").append(id).append(" S : 1;\n");
            }
            int startBit;
            SignalCodec codec;
            do {
                startBit = random.nextInt(payloadLength * 8);
                codec = tryCodec(startBit, length, intel);
            } while (codec == null || codec.requiredBytes() > payloadLength);
            double factor = random.nextInt(4) == 0 ? 1 : List.of(0.5, 0.125, 0.01, 3.0).get(random.nextInt(4));
            double offset = random.nextInt(3) == 0 ? 0 : random.nextInt(200) - 100;
            dbc.append(String.format(Locale.ROOT, "BO_ %d M%d: %d A%n SG_ S : %d|%d@%s%s (%s,%s) [0|0] \"\" A%n",
                    id, id, payloadLength, startBit, length, intel ? "1" : "0", encoding, factor, offset));
        }
        Path file = dir.resolve("layouts.dbc");
        Files.writeString(file, dbc.append(valueTypes).toString());

        assertSameDecodes(file, 20, random);
    }

    private static void assertSameDecodes(Path file, int payloadsPerMessage, Random random) throws Exception {
        DbcDatabase db = DbcParser.parse(file);
        List<Map<String, SignalValue>> ours = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (DbcMessage message : db.messages()) {
            if (message.length() == 0 || db.message(message.id(), message.isExtended()).orElseThrow() != message) {
                continue;
            }
            for (int i = 0; i < payloadsPerMessage; i++) {
                byte[] payload = new byte[message.length()];
                random.nextBytes(payload);
                ours.add(message.decode(payload));
                input.append(message.id()).append(message.isExtended() ? " 1 " : " 0 ")
                        .append(HexFormat.of().formatHex(payload)).append('\n');
            }
        }
        Result result = run(List.of(PYTHON, "-c", DECODER, file.toString()), input.toString());
        assertThat(result.exitCode).as(result.output).isZero();

        int compared = 0;
        for (String line : result.output.split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length != 4 || !fields[0].matches("\\d+")) {
                continue;
            }
            SignalValue value = ours.get(Integer.parseInt(fields[0])).get(fields[1]);
            assertThat(value).as("%s: %s", file.getFileName(), line).isNotNull();
            double theirs = pythonFloat(fields[3]);
            if (!value.signal().encoding().isFloat()) {
                assertThat(value.raw()).as("%s %s", value.signal(), line)
                        .isEqualTo(new BigInteger(fields[2]).longValue());
            }
            if (Double.isNaN(theirs) || Double.isInfinite(theirs)) {
                // Double.compare, unlike ==, finds NaN equal to NaN.
                assertThat(Double.compare(value.physical(), theirs)).as("%s %s -> %s", value.signal(), line,
                        value.physical()).isZero();
            } else {
                // canmatrix computes in Decimal, we in double: allow rounding, nothing more.
                assertThat(value.physical()).as("%s %s", value.signal(), line)
                        .isCloseTo(theirs, within(1e-9 * Math.max(1, Math.abs(theirs))));
            }
            compared++;
        }
        int expected = ours.stream().mapToInt(Map::size).sum();
        assertThat(compared).as("signal values compared for %s", file.getFileName()).isEqualTo(expected);
    }

    private static double pythonFloat(String text) {
        return switch (text) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static SignalCodec tryCodec(int startBit, int length, boolean intel) {
        try {
            return new SignalCodec(startBit, length, intel ? SignalByteOrder.INTEL : SignalByteOrder.MOTOROLA,
                    SignalEncoding.UNSIGNED);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        Thread writer = new Thread(() -> {
            try (var out = process.getOutputStream()) {
                out.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // The process died; its exit code tells.
            }
        });
        writer.start();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread errors = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(stderr);
            } catch (IOException ignored) {
                // The process died; its exit code tells.
            }
        });
        errors.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        writer.join();
        errors.join();
        return new Result(process.exitValue(), output + stderr.toString(StandardCharsets.UTF_8));
    }
}
