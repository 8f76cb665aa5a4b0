package io.fleet.model.log.candump;

import static io.fleet.model.log.LogTesting.bytes;
import static io.fleet.model.log.LogTesting.counting;
import static io.fleet.model.log.LogTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.ReadOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandumpWriterTest {

    private static final List<CanFrame> FRAMES = List.of(
            CanFrame.classic(1_436_509_052_249_713_000L, 1, 0x044, false, bytes(0x2A, 0x36, 0x6C, 0x2B, 0xBA)),
            CanFrame.classic(1_436_509_052_250_000_001L, 2, 0x1C4D80A7, true, new byte[0]),
            CanFrame.remote(1_436_509_052_251_000_000L, 1, 0x100, false, 5, Direction.TX),
            CanFrame.fd(1_436_509_052_252_000_000L, 2, 0x7FF, false, true, true, counting(64)));

    private static String write(List<CanFrame> frames, Map<Integer, String> names, boolean markers)
            throws IOException {
        StringWriter text = new StringWriter();
        try (CandumpWriter writer = new CandumpWriter(text, names, markers)) {
            for (CanFrame frame : frames) {
                writer.write(frame);
            }
        }
        return text.toString();
    }

    @Test
    void writesCandumpLineShapes() throws IOException {
        String text = write(FRAMES, Map.of(2, "vcan1"), false);
        assertThat(text.lines()).containsExactly(
                "(1436509052.249713) can0 044#2A366C2BBA",
                "(1436509052.250000001) vcan1 1C4D80A7#",
                "(1436509052.251000) can0 100#R5",
                "(1436509052.252000) vcan1 7FF##3" + "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"
                        + "202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F");
    }

    @Test
    void roundTripsThroughTheReaderWithDirectionMarkers() throws IOException {
        String text = write(FRAMES, Map.of(), true);
        assertThat(text).contains("100#R5 T\n");
        try (CandumpReader reader = new CandumpReader(new BufferedReader(new StringReader(text)), "mem",
                ReadOptions.strict().withInterfaceChannels(Map.of("can0", 1, "can1", 2)))) {
            assertThat(readAll(reader)).containsExactlyElementsOf(FRAMES);
        }
    }
}
