package io.fleet.rig.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The share of CPU time the hypervisor gave to other guests while this machine wanted it ("steal" in
 * {@code /proc/stat}). On a virtual machine it decides replay timing tails: a stolen vCPU stops the sender mid-spin
 * for milliseconds, whatever the sender does. Linux only; elsewhere the figures read as unknown.
 */
record CpuSteal(long steal, long total) {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** The machine's CPU counters now (all CPUs), or zeros where {@code /proc/stat} cannot be read. */
    static CpuSteal now() {
        try {
            return parse(Files.readAllLines(PROC_STAT).get(0));
        } catch (IOException | RuntimeException e) {
            return new CpuSteal(0, 0);
        }
    }

    /** Parses the aggregate line: {@code cpu user nice system idle iowait irq softirq steal [guest guest_nice]}. */
    static CpuSteal parse(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        if (!fields[0].equals("cpu") || fields.length < 9) {
            throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + cpuLine);
        }
        long total = 0;
        // guest and guest_nice are already counted in user and nice
        for (int i = 1; i <= 8; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new CpuSteal(Long.parseLong(fields[8]), total);
    }

    /** Steal between {@code earlier} and this reading, as a percentage of all CPU time, or "n/a". */
    String percentSince(CpuSteal earlier) {
        long elapsed = total - earlier.total;
        if (elapsed <= 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * (steal - earlier.steal) / elapsed);
    }
}
