import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The platform hiccup probe in a JVM (scripts/bench-hiccup.sh), beside hiccup.c: the same two loops with what the
 * replay's sender uses, System.nanoTime() and LockSupport.parkNanos(). Run as a single-file program
 * ({@code java HiccupProbe.java spin 5} or {@code sleep 5 100}); prints the same key=value line as hiccup.c.
 */
public final class HiccupProbe {
    private static final long MS = 1_000_000L;
    private static final int MAX_EVENTS = 100_000;

    private final long[] eventAt = new long[MAX_EVENTS];
    private final long[] eventGap = new long[MAX_EVENTS];
    private int events;
    private long samples;
    private long over100us;
    private long over500us;
    private long over2ms;
    private long worst;
    private long firstSecondWorst;
    private long lostNanos;

    public static void main(String[] args) {
        HiccupProbe probe = new HiccupProbe();
        long duration = (long) (Double.parseDouble(args[1]) * 1e9);
        if (args[0].equals("spin")) {
            probe.spin(duration);
        } else {
            probe.sleep(duration, Long.parseLong(args[2]) * 1000L);
        }
        System.out.println(probe.report(args[0]));
    }

    private void spin(long duration) {
        long start = System.nanoTime();
        long last = start;
        while (true) {
            long t = System.nanoTime();
            if (t - start >= duration) {
                return;
            }
            record(last - start, t - last);
            last = t;
        }
    }

    private void sleep(long duration, long interval) {
        long start = System.nanoTime();
        while (true) {
            long before = System.nanoTime();
            if (before - start >= duration) {
                return;
            }
            LockSupport.parkNanos(interval);
            record(before - start, System.nanoTime() - before - interval);
        }
    }

    private void record(long at, long gap) {
        samples++;
        worst = Math.max(worst, gap);
        if (at < 1000 * MS) {
            firstSecondWorst = Math.max(firstSecondWorst, gap);
        }
        if (gap <= MS / 10) {
            return;
        }
        over100us++;
        over500us += gap > MS / 2 ? 1 : 0;
        over2ms += gap > 2 * MS ? 1 : 0;
        lostNanos += gap;
        if (events < MAX_EVENTS) {
            eventAt[events] = at;
            eventGap[events] = gap;
            events++;
        }
    }

    private String report(String mode) {
        StringBuilder worstEvents = new StringBuilder();
        Integer[] order = new Integer[events];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(eventGap[b], eventGap[a]));
        for (int i = 0; i < Math.min(10, events) && eventGap[order[i]] > MS / 2; i++) {
            worstEvents.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f:%.0f",
                    eventAt[order[i]] / 1e9, eventGap[order[i]] / 1e3));
        }
        return String.format(Locale.ROOT, "probe=java mode=%s samples=%d gaps_over_0.1ms=%d over_0.5ms=%d "
                + "over_2ms=%d max_us=%.1f first_second_max_us=%.1f lost_ms=%.2f worst=%s", mode, samples, over100us,
                over500us, over2ms, worst / 1e3, firstSecondWorst / 1e3, lostNanos / 1e6, worstEvents);
    }
}
