package io.fleet.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.vehicle.CommandStatus;
import io.fleet.model.vehicle.LastCommand;
import io.fleet.model.vehicle.VehicleState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    @Test
    void emptyWhenNothingWasWritten() throws Exception {
        assertThat(new Journal(dir).load()).isEqualTo(JournalState.empty());
    }

    @Test
    void loadingMakesTheDirectorySoABadLocationFailsAtStart() throws Exception {
        Path fresh = dir.resolve("agents/car-1");
        assertThat(new Journal(fresh).load()).isEqualTo(JournalState.empty());
        assertThat(fresh).isDirectory();

        Path aFile = Files.writeString(dir.resolve("not-a-directory"), "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Journal(aFile.resolve("car-2")).load())
                .isInstanceOf(IOException.class).hasMessageContaining("not-a-directory");
    }

    @Test
    void roundTripsEverything() throws Exception {
        Journal journal = new Journal(dir);
        JournalState state = JournalState.empty()
                .withApplied("windows.fl", new AppliedDesired(7, "down", 1_700_000_000L))
                .withPendingReport(VehicleState.parked().with("windows.fl", 100),
                        new LastCommand("windows.fl", "down", 7, CommandStatus.SUCCEEDED, null, 1_700_000_001L));
        journal.save(state);
        JournalState loaded = new Journal(dir).load();
        assertThat(loaded.applied()).isEqualTo(state.applied());
        assertThat(loaded.reported()).isEqualTo(state.reported());
        assertThat(loaded.lastCommand()).isEqualTo(state.lastCommand());
        assertThat(loaded.reportPending()).isTrue();
    }

    @Test
    void aLeftoverTempFileFromACrashIsIgnoredAndReplaced() throws Exception {
        Journal journal = new Journal(dir);
        journal.save(JournalState.empty().withApplied("trunk", new AppliedDesired(3, "open", 0)));
        // A crash between writing the temp file and the rename leaves a half-written temp file behind.
        Files.writeString(dir.resolve(Journal.FILE + ".tmp"), "{\"applied\": {\"tru");
        assertThat(journal.load().applied()).containsKey("trunk");
        journal.save(journal.load().withApplied("lock", new AppliedDesired(4, "locked", 0)));
        assertThat(journal.load().applied()).containsKeys("trunk", "lock");
        assertThat(dir.resolve(Journal.FILE + ".tmp")).doesNotExist();
    }

    @Test
    void sameDesiredChangeIsCoveredOnlyByVersionOrIdenticalTimestampAndValue() {
        AppliedDesired applied = new AppliedDesired(5, "open", 100);
        assertThat(applied.covers(5, "open", 100)).isTrue();
        assertThat(applied.covers(4, "closed", 90)).isTrue();
        assertThat(applied.covers(9, "open", 100)).as("rejected desired reappearing in a later delta").isTrue();
        assertThat(applied.covers(9, "open", 120)).as("set again later").isFalse();
        assertThat(applied.covers(9, "closed", 100)).isFalse();
        assertThat(applied.covers(9, "open", 0)).as("no metadata: trust the version").isFalse();
    }
}
