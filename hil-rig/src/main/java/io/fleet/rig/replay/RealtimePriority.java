package io.fleet.rig.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Puts this process's threads on the Linux real-time policy SCHED_FIFO ({@code --rt-priority}), so a runnable sender
 * takes its core from ordinary threads at once instead of waiting for a scheduler slice. Needs root or
 * CAP_SYS_NICE; a thread that busy-waits under SCHED_FIFO keeps ordinary threads off its core, and the kernel's RT
 * throttling ({@code /proc/sys/kernel/sched_rt_runtime_us}) then takes the core away for the rest of each period.
 *
 * <p>Java threads are found by name under {@code /proc/self/task/<tid>/comm} (the JVM sets the native name, cut
 * to 15 characters) and changed with {@code chrt -f -p}.
 */
public final class RealtimePriority {

    private static final int COMM_LENGTH = 15;
    private static final Path TASKS = Path.of("/proc/self/task");

    private RealtimePriority() {
    }

    /**
     * Gives every thread whose name starts with {@code namePrefix} SCHED_FIFO {@code priority} (1-99), waiting up to
     * {@code waitMillis} for {@code expected} such threads to show up.
     *
     * @return one line per thread that could not be changed, or why none were found; empty when all went well
     */
    public static List<String> apply(String namePrefix, int expected, int priority, long waitMillis)
            throws InterruptedException {
        if (priority < 1 || priority > 99) {
            throw new IllegalArgumentException("rt priority must be 1-99 (was " + priority + ")");
        }
        Map<String, String> tids = awaitThreads(namePrefix, expected, waitMillis);
        List<String> problems = new ArrayList<>();
        if (tids.isEmpty()) {
            problems.add("no thread named " + namePrefix + "* under " + TASKS + "; real-time priority not set");
        }
        for (Map.Entry<String, String> thread : tids.entrySet()) {
            String failure = run("chrt", "-f", "-p", Integer.toString(priority), thread.getKey());
            if (failure != null) {
                problems.add("could not put " + thread.getValue() + " (tid " + thread.getKey() + ") on SCHED_FIFO "
                        + priority + " (needs root or CAP_SYS_NICE): " + failure);
            }
        }
        return problems;
    }

    /** Native thread id to name, of this process's threads whose name starts with {@code comm}. */
    static Map<String, String> threadsNamed(String comm) {
        Map<String, String> found = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
                    if (name.startsWith(comm)) {
                        found.put(task.getFileName().toString(), name);
                    }
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            return found; // not Linux: nothing to change
        }
        return found;
    }

    /**
     * The threads whose name starts with {@code namePrefix} (native thread id to name), waiting up to
     * {@code waitMillis} for {@code expected} of them to show up.
     */
    static Map<String, String> awaitThreads(String namePrefix, int expected, long waitMillis)
            throws InterruptedException {
        String comm = namePrefix.length() > COMM_LENGTH ? namePrefix.substring(0, COMM_LENGTH) : namePrefix;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        Map<String, String> tids = threadsNamed(comm);
        while (tids.size() < expected && System.nanoTime() < end) {
            Thread.sleep(5);
            tids = threadsNamed(comm);
        }
        return tids;
    }

    /** Runs a command (chrt, taskset); null when it exits 0, else its output or why it could not run. */
    static String run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 ? null : output;
        } catch (IOException e) {
            return command[0] + ": " + e.getMessage();
        }
    }
}
