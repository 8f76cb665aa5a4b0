package io.fleet.model.log.asc;

import static io.fleet.model.log.LogTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.TestData;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.ReadOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AscWriterTest {

    private static String write(List<CanFrame> frames) throws IOException {
        StringWriter text = new StringWriter();
        try (AscWriter writer = new AscWriter(text, ZoneOffset.UTC)) {
            for (CanFrame frame : frames) {
                writer.write(frame);
            }
        }
        return text.toString();
    }

    private static List<CanFrame> readPythonCan(String name) throws IOException {
        try (AscReader reader = AscReader.open(TestData.pythonCan(name), ReadOptions.strict())) {
            return readAll(reader);
        }
    }

    /** The frame lines of a python-can (CANoe-written) test file. */
    private static List<String> frameLines(String text) {
        return text.lines().filter(l -> l.matches("\\s*\\d+\\.\\d+ (\\d|CANFD).*") && !l.contains("Start of"))
                .toList();
    }

    @Test
    void writesHeaderLikeCanoeAndPythonCan() throws IOException {
        List<CanFrame> frames = readPythonCan("test_CanMessage.asc");
        assertThat(write(frames).lines().limit(6)).containsExactly(
                "date Sat Sep 30 15:06:15.692 2017",
                "base hex  timestamps absolute",
                "internal events logged",
                "// version 9.0.0",
                "Begin Triggerblock Sat Sep 30 15:06:15.692 2017",
                "   0.000000 Start of measurement");
        assertThat(write(frames)).endsWith("\nEnd TriggerBlock\n");
    }

    @Test
    void classicLinesHaveCanoesColumns() throws IOException {
        String original = Files.readString(TestData.pythonCan("test_CanMessage.asc"));
        List<String> written = frameLines(write(readPythonCan("test_CanMessage.asc")));
        // Offsets differ (our date is the first frame's ms); from the channel on the columns match CANoe's.
        assertThat(written.get(1).substring(11)).isEqualTo(frameLines(original).get(1).substring(11, 63));
        assertThat(written.get(0).substring(11)).isEqualTo(" 2  C8              Tx   d 8 09 08 07 06 05 04 03 02");
    }

    @Test
    void canFdLinesMatchCanoesColumnsUpToTheData() throws IOException {
        String original = Files.readString(TestData.pythonCan("test_CanFdMessage.asc"));
        List<String> written = frameLines(write(readPythonCan("test_CanFdMessage.asc")));
        List<String> expected = frameLines(original);
        for (int i = 0; i < 3; i++) {
            // columns after the time, through the data bytes; CANoe writes data in lower case here
            String ours = written.get(i).substring(11, 11 + 92);
            String theirs = expected.get(i).substring(11, 11 + 92).toUpperCase(Locale.ROOT);
            if (i == 2) {
                theirs = theirs.replace("30A  GENERIC_NAME_12", "30A                 ");
            }
            assertThat(ours.toUpperCase(Locale.ROOT)).isEqualTo(theirs);
        }
        assertThat(written.get(0)).endsWith(" 8 11 C2 03 04 05 06 07 08        0    0     3000        0        0"
                + "        0        0        0");
    }

    @Test
    void writtenFileReadsBackExactlyAtMicrosecondResolution() throws IOException {
        List<CanFrame> frames = readPythonCan("test_CanFdMessage64.asc");
        String text = write(frames);
        BufferedReader lines = new BufferedReader(new StringReader(text));
        try (AscReader reader = new AscReader(lines, "mem", ReadOptions.strict())) {
            assertThat(readAll(reader)).containsExactlyElementsOf(frames);
        }
    }

    @Test
    void rejectsFramesBeforeTheLogStart() throws IOException {
        try (AscWriter writer = new AscWriter(new StringWriter(), ZoneOffset.UTC)) {
            writer.write(CanFrame.classic(5_000_000_000L, 1, 1, false, new byte[0]));
            assertThatThrownBy(() -> writer.write(CanFrame.classic(4_000_000_000L, 1, 1, false, new byte[0])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the log start");
        }
    }

    @Test
    void emptyLogIsStillAValidAsc() throws IOException {
        String text = write(List.of());
        assertThat(text).startsWith("date Thu Jan 01 00:00:00.000 1970\n").endsWith("End TriggerBlock\n");
        BufferedReader lines = new BufferedReader(new StringReader(text));
        try (AscReader reader = new AscReader(lines, "mem", ReadOptions.strict())) {
            assertThat(reader.next()).isNull();
        }
    }
}
