package io.fleet.cloud.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A postmaster killed with its service and never reaped (a container whose PID 1 does not reap) is a zombie: its
 * PID still "exists", so PostgreSQL would refuse the directory. CI met exactly this after a kill -9 test.
 */
@EnabledOnOs(OS.LINUX)
class LeftoverPostmasterTest {

    @TempDir
    Path pgData;

    private Process parent;
    private Process worker;

    @AfterEach
    void stopProcesses() {
        for (Process p : new Process[] {parent, worker}) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aZombiePostmastersPidFileIsRemovedSoPostgresqlCanStart() throws IOException {
        long zombie = startZombie();
        Path pidFile = writePidFile(zombie);

        LeftoverPostmaster.stopIfOrphaned(pgData, Duration.ofSeconds(5));

        assertThat(pidFile).doesNotExist();
    }

    @Test
    void aZombiesPidFileStaysWhileALiveProcessStillRunsInTheDirectoryAndTheErrorNamesIt() throws IOException {
        long zombie = startZombie();
        Path pidFile = writePidFile(zombie);
        worker = new ProcessBuilder("sleep", "60").directory(pgData.toFile()).start();

        assertThatThrownBy(() -> LeftoverPostmaster.stopIfOrphaned(pgData, Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("PID " + zombie + ", a process that has exited but was never reaped")
                .hasMessageContaining("PID " + worker.pid())
                .hasMessageContaining("kill " + worker.pid());
        assertThat(pidFile).exists();
    }

    @Test
    void aPidFileNamingAnotherLiveProgramIsStaleAndRemovedWhileThatProgramRunsOn() throws IOException {
        worker = new ProcessBuilder("sleep", "60").start(); // the PID taken since by something else
        Path pidFile = writePidFile(worker.pid());

        LeftoverPostmaster.stopIfOrphaned(pgData, Duration.ofSeconds(5));

        assertThat(pidFile).doesNotExist();
        assertThat(worker.isAlive()).isTrue();
    }

    @Test
    void aLiveProcessIsNoZombie() {
        assertThat(LeftoverPostmaster.isZombie(ProcessHandle.current().pid())).isFalse();
    }

    /**
     * A shell that starts a child and then becomes a {@code sleep}, which never reaps it: the child, ending after the
     * shell is gone (a shell reaps children that end while it still runs), stays a zombie.
     */
    private long startZombie() throws IOException {
        parent = new ProcessBuilder("sh", "-c", "sleep 0.3 & echo $!; exec sleep 60").start();
        long pid;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            pid = Long.parseLong(out.readLine().trim());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> LeftoverPostmaster.isZombie(pid));
        return pid;
    }

    private Path writePidFile(long pid) throws IOException {
        return Files.writeString(pgData.resolve("postmaster.pid"), pid + "\n" + pgData + "\n1765140000\n41234\n");
    }
}
