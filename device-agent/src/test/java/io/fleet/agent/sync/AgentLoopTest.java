package io.fleet.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fleet.agent.ecu.CountingEcu;
import io.fleet.agent.ecu.SimulatedVehicle;
import io.fleet.agent.ecu.SimulationSettings;
import io.fleet.model.vehicle.Command;
import io.fleet.model.vehicle.VehicleState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLoopTest {

    private static final long NOW = 1_700_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final FakeShadow shadow = new FakeShadow();
    private final CountingEcu ecu = new CountingEcu(new SimulatedVehicle(VehicleState.parked(),
            SimulationSettings.fast()));
    private Thread thread;
    private AgentLoop loop;

    @AfterEach
    void stop() throws Exception {
        stopLoop();
        ecu.close();
    }

    @Test
    void executesADeltaAndReportsStateAndOutcome() throws Exception {
        start();
        loop.delta(3, Map.of("trunk", "open"), timestamp("trunk", 100));
        Map<String, Object> report = awaitReport(r -> r.containsKey("lastCommand"));
        assertThat(report).containsEntry("trunk", "open");
        assertThat(lastCommand(report)).containsEntry("status", "SUCCEEDED").containsEntry("attribute", "trunk")
                .containsEntry("desiredVersion", 3L).containsEntry("at", 1_700_000_000L);
    }

    @Test
    void theReceiptIsWrittenBeforeTheEcuActsAndCarriesTheDesiredVersion() throws Exception {
        AtomicInteger actuatedAtReceipt = new AtomicInteger(-1);
        shadow.onAcknowledge = () -> actuatedAtReceipt.set(ecu.actuated().size());
        start();
        loop.delta(3, Map.of("trunk", "open"), timestamp("trunk", 100));
        awaitReport(r -> r.containsKey("lastCommand"));
        assertThat(shadow.receipts.poll()).containsEntry("status", "IN_PROGRESS").containsEntry("attribute", "trunk")
                .containsEntry("value", "open").containsEntry("desiredVersion", 3L);
        assertThat(actuatedAtReceipt.get()).as("nothing actuated before the receipt was accepted").isZero();
        assertThat(ecu.actuated()).extracting(Command::path).containsExactly("trunk");
    }

    @Test
    void aCommandWithdrawnBeforeItsReceiptIsAcceptedIsNotExecutedNorReported() throws Exception {
        shadow.withdrawn = true; // the cloud's cancel reached the shadow first: the conditional receipt is refused
        start();
        awaitReport(r -> true);
        loop.delta(3, Map.of("trunk", "open"), timestamp("trunk", 100));
        await().atMost(Duration.ofSeconds(5)).until(() -> shadow.calls().contains("acknowledge trunk"));
        settled();
        assertThat(ecu.actuated()).isEmpty();
        assertThat(shadow.reports).noneMatch(r -> r.containsKey("lastCommand"));
        assertThat(loop.journalState().applied()).doesNotContainKey("trunk");
    }

    @Test
    void aCommandReceivedAfterItsExpiryIsReportedExpiredAndNeverExecuted() throws Exception {
        long written = NOW - 120; // written two minutes ago, allowed to wait 60 s: the car was offline meanwhile
        start();
        loop.delta(3, Map.of("trunk", "open", "commandExpiry", Map.of("trunk", 60)),
                Map.of("trunk", Map.of("timestamp", written), "commandExpiry", timestamp("trunk", written)));
        Map<String, Object> lastCommand = lastCommand(awaitReport(r -> r.containsKey("lastCommand")));
        assertThat(lastCommand).containsEntry("status", "EXPIRED").containsEntry("attribute", "trunk")
                .containsEntry("desiredVersion", 3L);
        assertThat((String) lastCommand.get("reason")).contains("expired at " + (written + 60));
        assertThat(ecu.actuated()).isEmpty();
        assertThat(shadow.calls()).doesNotContain("acknowledge trunk");

        loop.delta(4, Map.of("trunk", "open", "commandExpiry", Map.of("trunk", 60)),
                Map.of("trunk", Map.of("timestamp", written), "commandExpiry", timestamp("trunk", written)));
        settled();
        assertThat(ecu.actuated()).as("the same expired write is not looked at again").isEmpty();
    }

    @Test
    void aDeltaOfExpiriesAloneIsNoCommandNeitherRejectedAsAnUnknownAttributeNorReported() throws Exception {
        // The cloud writes desired.commandExpiry.<attribute> beside each command and withdraws it when the command
        // ends; the agent reads it only as the expiry of that attribute's command, never as an attribute of its own.
        start();
        awaitReport(r -> true);
        loop.delta(3, Map.of("commandExpiry", Map.of("trunk", 60, "doors", Map.of("fl", 30))),
                Map.of("commandExpiry", timestamp("trunk", NOW)));
        settled();
        assertThat(ecu.actuated()).isEmpty();
        assertThat(shadow.reports).noneMatch(r -> r.containsKey("lastCommand"));
        assertThat(shadow.calls()).noneMatch(call -> call.startsWith("acknowledge"));
    }

    @Test
    void aCommandWithinItsExpiryRunsAndAnExpiryFromAnOlderWriteDoesNotApply() throws Exception {
        start();
        loop.delta(3, Map.of("trunk", "open", "commandExpiry", Map.of("trunk", 60)),
                Map.of("trunk", Map.of("timestamp", NOW - 30), "commandExpiry", timestamp("trunk", NOW - 30)));
        assertThat(lastCommand(awaitReport(r -> r.containsKey("lastCommand")))).containsEntry("status", "SUCCEEDED");

        // lock was written again later (without an expiry) than the expiry left by an older lock command
        loop.delta(5, Map.of("lock", "locked", "commandExpiry", Map.of("lock", 60)),
                Map.of("lock", Map.of("timestamp", NOW - 10), "commandExpiry", timestamp("lock", NOW - 600)));
        assertThat(lastCommand(awaitReport(r -> r.containsKey("lastCommand")
                && "lock".equals(lastCommand(r).get("attribute"))))).containsEntry("status", "SUCCEEDED");
        assertThat(ecu.actuated()).extracting(Command::path).containsExactly("trunk", "lock");
    }

    @Test
    void aSentReportCostsNoJournalWriteSinceARestartReportsTheTruthAnyway() throws Exception {
        start();
        loop.delta(3, Map.of("trunk", "open"), timestamp("trunk", 100));
        awaitReport(r -> r.containsKey("lastCommand"));
        settled(); // the report's acknowledgement has reached the agent thread
        JournalState onDisk = new Journal(dir).load();
        assertThat(onDisk.reportPending()).as("still pending on disk: the sent report was not written").isTrue();
        assertThat(onDisk.applied()).containsKey("trunk");
        assertThat(onDisk.lastCommand().status()).isEqualTo(io.fleet.model.vehicle.CommandStatus.SUCCEEDED);
    }

    @Test
    void interlockAndInvalidValuesAreRejectedWithAReason() throws Exception {
        start();
        loop.delta(4, Map.of("windows", Map.of("fl", 150)), Map.of());
        Map<String, Object> lastCommand = lastCommand(awaitReport(r -> r.containsKey("lastCommand")));
        assertThat(lastCommand).containsEntry("status", "REJECTED").containsEntry("attribute", "windows.fl");
        assertThat((String) lastCommand.get("reason")).contains("0-100");
        assertThat(ecu.actuated()).isEmpty();
    }

    @Test
    void theSameDesiredChangeRunsOnceEvenWhenItComesBackAfterARestart() throws Exception {
        shadow.snapshot = new ShadowPort.Snapshot(5, Map.of("lock", "locked"), timestamp("lock", 100));
        start();
        awaitReport(r -> r.containsKey("lastCommand"));
        loop.delta(5, Map.of("lock", "locked"), timestamp("lock", 100));
        stopLoop();

        shadow.calls.clear();
        shadow.snapshot = new ShadowPort.Snapshot(6, Map.of("lock", "locked"), timestamp("lock", 100));
        ecu.delegate().actuate(new Command("lock", "unlocked", "unlocked")).get(5, TimeUnit.SECONDS);
        start(); // the same journal directory, as after a process restart
        awaitReport(r -> "unlocked".equals(r.get("lock")));
        await().atMost(Duration.ofSeconds(5)).until(() -> shadow.calls().contains("get"));
        assertThat(shadow.calls().get(0)).as("the true state is reported before resync").isEqualTo("report");
        settled();
        assertThat(ecu.actuated()).extracting(Command::path).containsExactly("lock");
    }

    @Test
    void reportsMadeOfflineAreCoalescedAndSentOnReconnect() throws Exception {
        start();
        awaitReport(r -> true); // the first connection reports the true state of a fresh agent
        loop.disconnected();
        ecu.delegate().actuate(new Command("headlights", "on", "on")).get(5, TimeUnit.SECONDS);
        ecu.delegate().actuate(new Command("doors.fl", "open", "open")).get(5, TimeUnit.SECONDS);
        settled();
        assertThat(shadow.reports).isEmpty();
        loop.connected();
        Map<String, Object> report = awaitReport(r -> true);
        assertThat(report).containsEntry("headlights", "on").containsEntry("doors", Map.of("fl", "open",
                "fr", "closed", "rl", "closed", "rr", "closed"));
        settled();
        assertThat(shadow.reports).isEmpty();
    }

    @Test
    void aCommandThePreviousRunDiedInIsReportedFailedAndNotRepeated() throws Exception {
        Journal journal = new Journal(dir);
        journal.save(JournalState.empty().withStarted("trunk", new AppliedDesired(9, "open", 100),
                new io.fleet.model.vehicle.LastCommand("trunk", "open", 9,
                        io.fleet.model.vehicle.CommandStatus.FAILED, "the agent restarted during actuation", 1)));
        shadow.snapshot = new ShadowPort.Snapshot(10, Map.of("trunk", "open"), timestamp("trunk", 100));
        start();
        Map<String, Object> report = awaitReport(r -> r.containsKey("lastCommand"));
        assertThat(lastCommand(report)).containsEntry("status", "FAILED").containsEntry("attribute", "trunk");
        assertThat(report).containsEntry("trunk", "closed");
        await().atMost(Duration.ofSeconds(5)).until(() -> shadow.calls().contains("get"));
        settled();
        assertThat(ecu.actuated()).isEmpty();
        assertThat(journal.load().inFlight()).isNull();
    }

    @Test
    void aReportThatFailsWhileConnectedIsRetried() throws Exception {
        shadow.offline = true; // e.g. the request-response client's subscription is not back yet
        start();
        await().atMost(Duration.ofSeconds(5)).until(() -> shadow.calls().contains("report"));
        shadow.offline = false;
        assertThat(awaitReport(r -> true)).containsEntry("trunk", "closed");
    }

    /** Waits until the agent has handled everything that was submitted or caused so far. */
    private void settled() throws Exception {
        loop.whenSettled().get(5, TimeUnit.SECONDS);
    }

    private void start() throws Exception {
        loop = new AgentLoop(shadow, ecu, new Journal(dir), CLOCK, Duration.ofSeconds(5));
        thread = new Thread(loop, "agent-loop-test");
        thread.start();
        loop.connected();
    }

    private void stopLoop() throws InterruptedException {
        if (thread != null) {
            loop.stop();
            thread.join(5000);
            thread = null;
        }
    }

    private Map<String, Object> awaitReport(Predicate<Map<String, Object>> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Map<String, Object> report = shadow.reports.poll(100, TimeUnit.MILLISECONDS);
            if (report != null && wanted.test(report)) {
                return report;
            }
        }
        throw new AssertionError("no matching report; calls " + shadow.calls());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastCommand(Map<String, Object> report) {
        return (Map<String, Object>) report.get("lastCommand");
    }

    private static Map<String, Object> timestamp(String path, long seconds) {
        return Map.of(path, Map.of("timestamp", seconds));
    }
}
