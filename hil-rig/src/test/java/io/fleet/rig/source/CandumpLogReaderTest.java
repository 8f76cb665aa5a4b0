package io.fleet.rig.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.LogFormatException;
import io.fleet.rig.capture.CandumpLineWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CandumpLogReaderTest {

    private static CandumpLogReader reader(String text) {
        return new CandumpLogReader("t.log", new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void readsClassicExtendedFdAndRemoteFramesWithChannelsByInterface() throws IOException {
        CandumpLogReader reader = reader("""
                (1700000000.000100) can0 123#DEADBEEF
                # comment
                (1700000000.000200) can1 18DAF110##1000102030405060708090A0B
                (1700000000.000300) can0 7DF#R3
                """);

        CanFrame classic = (CanFrame) reader.next();
        CanFrame fd = (CanFrame) reader.next();
        CanFrame remote = (CanFrame) reader.next();

        assertThat(classic).isEqualTo(CanFrame.classic(1_700_000_000_000_100_000L, 1, 0x123, false,
                HexFormat.of().parseHex("deadbeef")));
        assertThat(fd.channel()).isEqualTo(2);
        assertThat(fd.extended()).isTrue();
        assertThat(fd.fd()).isTrue();
        assertThat(fd.bitRateSwitch()).isTrue();
        assertThat(fd.dataLength()).isEqualTo(12);
        assertThat(remote).isEqualTo(new CanFrame(1_700_000_000_000_300_000L, 1, 0x7DF, false, true, false, false,
                false, Direction.RX, new byte[0]));
        assertThat(reader.next()).isNull();
        assertThat(reader.stats().records()).isEqualTo(3);
        assertThat(reader.stats().skipped()).isEqualTo(1);
    }

    @Test
    void writerOutputReadsBackToTheSameFrames() throws IOException {
        CanFrame fd = CanFrame.fd(1_700_000_000_123_456_000L, 1, 0x7E0, false, false, true, new byte[8]);
        String line = CandumpLineWriter.format(fd, "can0");

        assertThat(line).isEqualTo("(1700000000.123456) can0 7E0##20000000000000000");
        assertThat(reader(line + "\n").next()).isEqualTo(fd);
    }

    @Test
    void malformedLinesNameFileAndLine() throws IOException {
        CandumpLogReader reader = reader("(1.0) can0 123#00\nnot a frame\n");
        reader.next();

        assertThatThrownBy(reader::next).isInstanceOf(LogFormatException.class).hasMessageStartingWith("t.log:2:");
    }
}
