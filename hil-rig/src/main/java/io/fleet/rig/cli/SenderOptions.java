package io.fleet.rig.cli;

import io.fleet.rig.replay.CpuAffinity;
import io.fleet.rig.replay.RealtimePriority;
import io.fleet.rig.replay.ReplayClock;
import io.fleet.rig.replay.ReplaySession;
import io.fleet.rig.replay.SenderMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** How the replay's sender threads wait and run: options shared by {@code replay} and {@code bench}. */
final class SenderOptions {

    @Option(names = "--senders", defaultValue = "auto", converter = ModeConverter.class,
            description = "sender threads: per-output (one busy-waiting thread per output; outputs never wait for "
                    + "each other), shared (one thread sends the earliest-deadline frame of all outputs; one core "
                    + "suffices, but a slow send delays frames of other outputs due at the same time), auto "
                    + "(per-output while outputs < cores, else shared), default ${DEFAULT-VALUE}")
    SenderMode senders;

    @Option(names = "--spin-us", defaultValue = "150",
            description = "stop parking and busy-wait this long before a deadline, default ${DEFAULT-VALUE}")
    long spinMicros;

    @Option(names = "--spin", defaultValue = "auto", description = "busy wait: pause (Thread.onSpinWait), yield "
            + "(Thread.yield), auto (pause while every sender thread could have a core of its own with one "
            + "left over, else yield; on a machine busy with other work prefer yield), default ${DEFAULT-VALUE}")
    SpinStyle spin;

    @Option(names = "--rt-priority", paramLabel = "N", description = "put the sender thread(s) on SCHED_FIFO "
            + "priority N (1-99) with chrt; needs root or CAP_SYS_NICE, warns otherwise. Off by default: a "
            + "busy-waiting real-time thread keeps other threads off its core (use a short --spin-us)")
    Integer rtPriority;

    @Option(names = "--sender-cpu", paramLabel = "N", description = "run the sender thread(s) alone on CPU N and "
            + "every other thread of this JVM on the remaining CPUs (taskset); keep other busy processes off CPU N "
            + "too (e.g. taskset for them, isolcpus). Off by default")
    Integer senderCpu;

    private CpuAffinity affinity;

    /** The sender mode for this machine. */
    SenderMode mode(int outputs) {
        return senders.resolve(outputs);
    }

    /**
     * The clock for {@code outputs} outputs. {@code --spin auto} decides by the sender threads that busy-wait: pure
     * spinning while each has a core with one left over (one bus on its own sender, or any number of buses on the
     * one shared sender), yielding spins otherwise. On a quiet 2-core VM the shared sender of 4 buses was punctual
     * more often pausing than yielding (figures: BENCHMARKS.md, the replay runs of 2026-11-27); on a machine busy
     * with other work, yielding did better: {@code --spin yield}.
     */
    ReplayClock clock(int outputs) {
        return spin.clockFor(spinners(outputs));
    }

    String describe(int outputs) {
        String text = mode(outputs) + " senders, " + spin.describe(spinners(outputs)) + " " + spinMicros + " us";
        text = rtPriority == null ? text : text + ", SCHED_FIFO " + rtPriority;
        return affinity == null ? text : text + ", " + affinity.describe();
    }

    private int spinners(int outputs) {
        return mode(outputs).senderThreads(outputs);
    }

    /**
     * Before {@link ReplaySession#start()}: with {@code --sender-cpu}, moves this JVM's threads off the sender's CPU
     * (the replay's threads inherit that), printing why it could not.
     *
     * @throws IllegalArgumentException when the CPU is not one this process may use
     */
    void beforeStart(PrintWriter err) throws IOException, InterruptedException {
        if (senderCpu == null) {
            return;
        }
        affinity = CpuAffinity.reserve(senderCpu);
        affinity.moveOthers().forEach(problem -> err.println("warning: " + problem));
    }

    /**
     * After {@link ReplaySession#start()}: puts the senders on {@code --sender-cpu} and applies {@code
     * --rt-priority}, printing why it could not.
     */
    void afterStart(ReplaySession session, int outputs, PrintWriter err) throws InterruptedException {
        int threads = session.sharedSender() ? 1 : outputs;
        List<String> problems = new ArrayList<>();
        if (affinity != null) {
            problems.addAll(affinity.moveSenders(ReplaySession.SENDER_THREAD_PREFIX, threads));
        }
        if (rtPriority != null) {
            problems.addAll(RealtimePriority.apply(ReplaySession.SENDER_THREAD_PREFIX, threads, rtPriority, 1_000));
        }
        problems.forEach(problem -> err.println("warning: " + problem));
    }

    /** Accepts {@code per-output}, {@code shared}, {@code auto}. */
    static final class ModeConverter implements ITypeConverter<SenderMode> {
        @Override
        public SenderMode convert(String value) {
            return SenderMode.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }
}
