package io.fleet.rig.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Gives the sender thread(s) a core of their own ({@code --sender-cpu N}): every other thread of this JVM (reader,
 * JIT compilers, garbage collector, main) is moved to the remaining CPUs before the replay starts, so the threads
 * it creates later inherit that, and once the senders run they are moved to CPU N alone. Other processes still
 * share CPU N unless they are kept off it too (a receiver under {@code taskset}, {@code isolcpus}, a cpuset); on a
 * dedicated rig that is what turns a millisecond scheduling tail into microseconds. Linux only, with
 * {@code taskset} (util-linux).
 */
public final class CpuAffinity {

    private static final Path STATUS = Path.of("/proc/self/status");

    private final int senderCpu;
    private final String otherCpus;

    private CpuAffinity(int senderCpu, String otherCpus) {
        this.senderCpu = senderCpu;
        this.otherCpus = otherCpus;
    }

    /**
     * Checks that {@code senderCpu} is one this process may run on and that at least one other remains.
     *
     * @throws IllegalArgumentException naming the CPUs allowed when it is not
     */
    public static CpuAffinity reserve(int senderCpu) throws IOException {
        TreeSet<Integer> allowed = parseList(allowedList());
        if (!allowed.contains(senderCpu) || allowed.size() < 2) {
            throw new IllegalArgumentException("--sender-cpu " + senderCpu + ": this process may run on CPUs "
                    + allowedList() + "; the sender needs one of them and the other threads at least one more");
        }
        allowed.remove(senderCpu);
        return new CpuAffinity(senderCpu, allowed.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    /** Before the replay's threads exist: moves every thread of this process to the other CPUs. */
    public List<String> moveOthers() throws InterruptedException {
        String failure = RealtimePriority.run("taskset", "-a", "-p", "-c", otherCpus,
                Long.toString(ProcessHandle.current().pid()));
        return failure == null ? List.of() : List.of("could not move this process's threads to CPUs " + otherCpus
                + ": " + failure);
    }

    /** Once the senders run: moves the threads named {@code namePrefix}* (expected of them) to the sender CPU. */
    public List<String> moveSenders(String namePrefix, int expected) throws InterruptedException {
        Map<String, String> tids = RealtimePriority.awaitThreads(namePrefix, expected, 1_000);
        List<String> problems = new ArrayList<>();
        if (tids.isEmpty()) {
            problems.add("no thread named " + namePrefix + "*; the senders stay on CPUs " + otherCpus);
        }
        for (Map.Entry<String, String> thread : tids.entrySet()) {
            String failure = RealtimePriority.run("taskset", "-p", "-c", Integer.toString(senderCpu),
                    thread.getKey());
            if (failure != null) {
                problems.add("could not move " + thread.getValue() + " (tid " + thread.getKey() + ") to CPU "
                        + senderCpu + ": " + failure);
            }
        }
        return problems;
    }

    public String describe() {
        return "sender on CPU " + senderCpu + ", other threads on " + otherCpus;
    }

    private static String allowedList() throws IOException {
        for (String line : Files.readAllLines(STATUS, StandardCharsets.UTF_8)) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        throw new IOException(STATUS + " has no Cpus_allowed_list");
    }

    /** A kernel CPU list such as {@code 0-3,6}. */
    static TreeSet<Integer> parseList(String list) {
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String part : list.split(",")) {
            String range = part.strip();
            if (range.isEmpty()) {
                continue;
            }
            int dash = range.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
            for (int cpu = from; cpu <= to; cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }
}
