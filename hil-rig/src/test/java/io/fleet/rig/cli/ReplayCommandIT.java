package io.fleet.rig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.LogFormat;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.LogReaders;
import io.fleet.model.log.ReadOptions;
import io.fleet.rig.output.FakeCannelloniGateway;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole {@code replay} command against a fake gateway on loopback: outputs, capture, matching, reports. */
class ReplayCommandIT {

    @TempDir
    Path dir;

    @Test
    void replaysCapturesMatchesAndWritesReports() throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String id = i % 10 == 0 ? "7E0" : i % 2 == 0 ? "100" : "200";
            log.append(String.format("(1700000000.%06d) can0 %s#02010C%02X%n", i * 1_000, id, i & 0xFF));
        }
        Path input = Files.writeString(dir.resolve("drive.log"), log);
        try (FakeCannelloniGateway dut = new FakeCannelloniGateway(frame -> frame.id() == 0x7E0
                ? List.of(CanFrame.classic(0, 1, 0x7E8, false, new byte[] {0x04, 0x41, 0x0C, 0x1A})) : List.of())) {
            Path json = dir.resolve("kpi.json");
            Path html = dir.resolve("kpi.html");
            Path capture = dir.resolve("capture.log");

            CliRun run = CliRun.of("replay", input.toString(), "--out", "A=cannelloni://127.0.0.1:"
                    + dut.address().getPort(), "--filter", "!0x200", "--speed", "2", "--match", "0x7E0->0x7E8",
                    "--match-timeout", "2s", "--capture", capture.toString(), "--report", json.toString(),
                    "--html", html.toString(), "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(dut.awaitFrames(100, 5_000)).hasSize(100).allMatch(r -> r.frame().id() != 0x200);
            JsonNode kpi = new ObjectMapper().readTree(json.toFile());
            assertThat(kpi.path("source").asText()).isEqualTo("drive.log");
            assertThat(kpi.path("sourceSha256").asText()).hasSize(64);
            assertThat(kpi.path("totals").path("sent").asLong()).isEqualTo(100);
            assertThat(kpi.path("totals").path("filtered").asLong()).isEqualTo(100);
            assertThat(kpi.path("outputs").get(0).path("dropped").asLong()).isZero();
            // 0.1 s of timeline at speed 2: every frame is due in the first second
            assertThat(kpi.path("outputs").get(0).path("latenessFirstSecond").path("count").asLong()).isEqualTo(100);
            assertThat(kpi.path("responses").get(0).path("matched").asLong()).isEqualTo(20);
            assertThat(kpi.path("outputs").get(0).path("sourceStalls").path("count").isNumber()).isTrue();
            assertThat(kpi.path("outputs").get(0).path("sourceStallsFirstSecond").path("maxMicros").isNumber())
                    .isTrue();
            assertThat(Files.readString(html)).contains("<svg", "0x7E0-&gt;0x7E8", "<td>first second</td>");
            assertThat(Files.readAllLines(capture)).hasSize(20).allMatch(l -> l.endsWith(" A 7E8#04410C1A"));
            assertThat(run.out()).contains("100 sent, 0 dropped", "requests 20 answered 20", "; first second p50 ",
                    "; source stalls ");
            // the warm-up before the timeline sent the log's first records elsewhere: the DUT got each frame once
            assertThat(dut.receivedBeforeMarker()).hasSize(100);
        }
    }

    @Test
    void remoteFramesReachTheGatewayWithTheDlcTheyWereRecordedWith() throws Exception {
        // python-can's ASC ("r", "r Length = ...", "r 8") and candump remote frames with a requested length
        Path asc = Path.of("../testdata/can/python-can/test_CanRemoteMessage.asc");
        Path candump = Files.writeString(dir.resolve("remote.log"),
                "(1700000000.000000) can0 123#R5\n(1700000000.001000) can0 18DAF110#R8\n");
        try (DatagramSocket gateway = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            gateway.setSoTimeout(5_000);
            String out = "cannelloni://127.0.0.1:" + gateway.getLocalPort();

            assertThat(CliRun.of("replay", asc.toString(), "--out", out, "--speed", "100", "--no-progress")
                    .exitCode()).isZero();
            assertThat(CliRun.of("replay", candump.toString(), "--out", out, "--no-progress").exitCode()).isZero();

            // read on the wire, not through our decoder: can_id with RTR flag, then the length byte = DLC
            assertThat(receiveRemoteFrames(gateway, 5)).containsExactly(
                    "100 R dlc 0", "200 R dlc 0", "300 R dlc 8", "123 R dlc 5", "18DAF110 R dlc 8");
        }
    }

    /** {@code count} frames as cannelloni puts them on the wire: id (EFF/RTR flags cleared), RTR, length byte. */
    private static List<String> receiveRemoteFrames(DatagramSocket socket, int count) throws Exception {
        List<String> frames = new ArrayList<>();
        byte[] buffer = new byte[1500];
        while (frames.size() < count) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            ByteBuffer datagram = ByteBuffer.wrap(buffer, 0, packet.getLength());
            datagram.position(3);
            int frameCount = datagram.getShort() & 0xFFFF;
            for (int i = 0; i < frameCount; i++) {
                int canId = datagram.getInt();
                int length = datagram.get() & 0xFF;
                boolean remote = (canId & 0x4000_0000) != 0;
                frames.add(Integer.toHexString(canId & 0x1FFF_FFFF).toUpperCase() + (remote ? " R" : " D")
                        + " dlc " + length);
                datagram.position(datagram.position() + (remote ? 0 : length));
            }
        }
        return frames;
    }

    @Test
    void captureToAnAscFileWritesAsc() throws Exception {
        Path input = Files.writeString(dir.resolve("requests.log"),
                "(1700000000.000000) can0 7E0#02010C\n(1700000000.010000) can0 7E0#02010D\n");
        CanFrame answer = CanFrame.classic(0, 1, 0x7E8, false, new byte[] {0x04, 0x41, 0x0C, 0x1A});
        CanFrame remoteAnswer = CanFrame.remote(0, 1, 0x18DAF1F1, true, 3, Direction.RX);
        try (FakeCannelloniGateway dut = new FakeCannelloniGateway(frame -> List.of(answer, remoteAnswer))) {
            Path capture = dir.resolve("answers.asc");

            CliRun run = CliRun.of("replay", input.toString(), "--out", "A=cannelloni://127.0.0.1:"
                    + dut.address().getPort(), "--capture", capture.toString(), "--match-timeout", "1s",
                    "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(LogFormat.detect(capture)).isEqualTo(LogFormat.ASC);
            assertThat(Files.readString(capture)).startsWith("date ");
            try (LogReader reader = LogReaders.open(capture, LogFormat.ASC, ReadOptions.strict())) {
                List<CanFrame> frames = new ArrayList<>();
                for (BusRecord r = reader.next(); r != null; r = reader.next()) {
                    frames.add(((CanFrame) r).withTimestampNanos(0));
                }
                assertThat(frames).containsExactly(answer, remoteAnswer, answer, remoteAnswer);
            }
        }
    }

    @Test
    void captureToAnMf4FileWritesMdf4() throws Exception {
        Path input = Files.writeString(dir.resolve("requests.log"), "(1700000000.000000) can0 7E0#02010C\n");
        CanFrame answer = CanFrame.classic(0, 1, 0x7E8, false, new byte[] {0x04, 0x41, 0x0C, 0x1A});
        CanFrame remoteAnswer = CanFrame.remote(0, 1, 0x18DAF1F1, true, 3, Direction.RX);
        try (FakeCannelloniGateway dut = new FakeCannelloniGateway(frame -> List.of(answer, remoteAnswer))) {
            Path capture = dir.resolve("answers.mf4");

            CliRun run = CliRun.of("replay", input.toString(), "--out", "A=cannelloni://127.0.0.1:"
                    + dut.address().getPort(), "--capture", capture.toString(), "--match-timeout", "1s",
                    "--no-progress");

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(LogFormat.detect(capture)).isEqualTo(LogFormat.MDF4);
            try (LogReader reader = LogReaders.open(capture, ReadOptions.strict())) {
                List<CanFrame> frames = new ArrayList<>();
                for (BusRecord r = reader.next(); r != null; r = reader.next()) {
                    frames.add(((CanFrame) r).withTimestampNanos(0));
                }
                assertThat(frames).containsExactly(answer, remoteAnswer);
            }
        }
    }

    @Test
    void aCaptureFileNoCapturingOutputCanFillIsRefusedBeforeTheReplay() throws Exception {
        Path input = Files.writeString(dir.resolve("d.log"), "(1.000000) can0 100#00\n");
        try (DatagramSocket ecu = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Path capture = dir.resolve("answers.asc");

            CliRun run = CliRun.of("replay", input.toString(), "--out", "eth=udp://127.0.0.1:" + ecu.getLocalPort(),
                    "--capture", capture.toString(), "--no-progress");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains(capture + ": ASC holds CAN frames, but the outputs that capture receive "
                    + "only eth [UDP datagrams (Automotive Ethernet)]");
            assertThat(capture).doesNotExist();
        }
    }

    @Test
    void aRunThatMeetsItsCriteriaPassesAndOneThatMissesExitsFourWithJunitFailures() throws Exception {
        Path input = Files.writeString(dir.resolve("requests.log"),
                "(1700000000.000000) can0 7E0#02010C\n(1700000000.010000) can0 7E0#02010D\n");
        CanFrame answer = CanFrame.classic(0, 1, 0x7E8, false, new byte[] {0x04, 0x41, 0x0C, 0x1A});
        try (FakeCannelloniGateway dut = new FakeCannelloniGateway(frame -> List.of(answer))) {
            String out = "cannelloni://127.0.0.1:" + dut.address().getPort();
            Path json = dir.resolve("kpi.json");
            Path junit = dir.resolve("junit.xml");

            CliRun pass = CliRun.of("replay", input.toString(), "--out", out, "--match", "0x7E0->0x7E8",
                    "--match-timeout", "1s", "--expect", "lateness.max<=60s,response.max<=60s,missing=0,dropped=0",
                    "--report", json.toString(), "--junit", junit.toString(), "--no-progress");

            assertThat(pass.exitCode()).as(pass.out() + pass.err()).isZero();
            assertThat(pass.out()).contains("verdict: PASS (0 of 4 criteria failed)", "pass missing=0: missing "
                    + "measured 0, expected = 0", "JUnit report: " + junit);
            JsonNode verdict = new ObjectMapper().readTree(json.toFile()).path("verdict");
            assertThat(verdict.path("passed").asBoolean()).isTrue();
            assertThat(verdict.path("criteria")).hasSize(4);
            assertThat(verdict.path("criteria").get(2).path("measured").asDouble()).isZero();
            assertThat(Files.readString(junit)).contains("tests=\"4\" failures=\"0\"");

            // the DUT answers 0x7E8, the rule waits for 0x7E9: both requests stay unanswered
            CliRun fail = CliRun.of("replay", input.toString(), "--out", out, "--match", "0x7E0->0x7E9",
                    "--match-timeout", "200ms", "--expect", "missing=0,dropped=0", "--report", json.toString(),
                    "--html", dir.resolve("kpi.html").toString(), "--junit", junit.toString(), "--no-progress");

            assertThat(fail.exitCode()).as(fail.out() + fail.err()).isEqualTo(4);
            assertThat(fail.out()).contains("verdict: FAIL (1 of 2 criteria failed)",
                    "FAIL missing=0: missing measured 2, expected = 0");
            verdict = new ObjectMapper().readTree(json.toFile()).path("verdict");
            assertThat(verdict.path("passed").asBoolean()).isFalse();
            assertThat(verdict.path("criteria").get(0).path("measured").asDouble()).isEqualTo(2);
            assertThat(Files.readString(dir.resolve("kpi.html"))).contains("<h2>Verdict: FAIL</h2>",
                    "<td>missing=0</td><td><strong>FAIL</strong></td><td>missing measured 2, expected = 0</td>");
            assertThat(Files.readString(junit)).contains("tests=\"2\" failures=\"1\"",
                    "<failure type=\"criterion\" message=\"missing measured 2, expected = 0\">");
        }
    }

    @Test
    void criteriaThatCannotBeJudgedAreUsageErrorsBeforeTheReplay() throws Exception {
        Path input = Files.writeString(dir.resolve("d.log"), "(1.000000) can0 100#00\n");
        try (FakeCannelloniGateway dut = new FakeCannelloniGateway(frame -> List.of())) {
            String out = "cannelloni://127.0.0.1:" + dut.address().getPort();

            CliRun noMatch = CliRun.of("replay", input.toString(), "--out", out, "--expect", "response.p99<=20ms",
                    "--no-progress");
            CliRun typo = CliRun.of("replay", input.toString(), "--out", out, "--expect", "latency.p99<=20ms",
                    "--no-progress");
            CliRun junitAlone = CliRun.of("replay", input.toString(), "--out", out, "--junit",
                    dir.resolve("j.xml").toString(), "--no-progress");

            assertThat(noMatch.exitCode()).isEqualTo(2);
            assertThat(noMatch.err()).contains("--expect: 'response.p99<=20ms' judges answers to requests; give the "
                    + "requests with --match");
            assertThat(typo.exitCode()).isEqualTo(2);
            assertThat(typo.err()).contains("--expect: unknown metric 'latency.p99' in 'latency.p99<=20ms'");
            assertThat(junitAlone.exitCode()).isEqualTo(2);
            assertThat(junitAlone.err()).contains("--junit needs --expect");
            assertThat(dut.receivedBeforeMarker()).as("nothing was replayed").isEmpty();
        }
    }

    @Test
    void aMapToAnUnknownOutputIsAUsageError() throws Exception {
        Path input = Files.writeString(dir.resolve("d.log"), "(1.000000) can0 100#00\n");

        CliRun run = CliRun.of("replay", input.toString(), "--out", "A=loopback://a", "--map", "1=B",
                "--no-progress");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--map names output 'B'");
    }
}
