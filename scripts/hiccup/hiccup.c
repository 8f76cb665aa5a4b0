/*
 * Platform hiccup probe (scripts/bench-hiccup.sh): how long can a thread that wants the CPU all the time be kept off
 * it, with nothing of ours in the way? No JVM, no sockets, no allocation after start.
 *
 *   hiccup spin SECONDS        spins reading CLOCK_MONOTONIC; every gap between two reads is time the thread did
 *                              not run (interrupt, softirq, another task, the hypervisor)
 *   hiccup sleep SECONDS US    sleeps US microseconds at a time (clock_nanosleep, relative, as a parked sender
 *                              waits) and measures how late each wake-up is
 *
 * Prints one line: key=value pairs (see report()), then the ten worst events as "at_s:gap_us".
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_EVENTS 100000

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long event_at[MAX_EVENTS];
static long long event_gap[MAX_EVENTS];
static int events;
static long long over_100us, over_500us, over_2ms, worst, first_second_worst, lost_ns, samples;

/* A gap (spin) or a lateness (sleep) of gap_ns at at_ns into the run; only > 100 us is kept. */
static void record(long long at_ns, long long gap_ns) {
    samples++;
    if (gap_ns > worst) worst = gap_ns;
    if (at_ns < 1000000000LL && gap_ns > first_second_worst) first_second_worst = gap_ns;
    if (gap_ns <= 100000) return;
    over_100us++;
    if (gap_ns > 500000) over_500us++;
    if (gap_ns > 2000000) over_2ms++;
    lost_ns += gap_ns;
    if (events < MAX_EVENTS) {
        event_at[events] = at_ns;
        event_gap[events] = gap_ns;
        events++;
    }
}

static void report(const char *mode) {
    printf("probe=c mode=%s samples=%lld gaps_over_0.1ms=%lld over_0.5ms=%lld over_2ms=%lld max_us=%.1f "
           "first_second_max_us=%.1f lost_ms=%.2f worst=", mode, samples, over_100us, over_500us, over_2ms,
           worst / 1000.0, first_second_worst / 1000.0, lost_ns / 1e6);
    for (int shown = 0; shown < 10; shown++) {
        int best = -1;
        for (int i = 0; i < events; i++) {
            if (event_gap[i] > 0 && (best < 0 || event_gap[i] > event_gap[best])) best = i;
        }
        if (best < 0 || event_gap[best] <= 500000) break;
        printf("%s%.3f:%.0f", shown ? "," : "", event_at[best] / 1e9, event_gap[best] / 1000.0);
        event_gap[best] = -event_gap[best];
    }
    printf("\n");
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: hiccup spin SECONDS | hiccup sleep SECONDS MICROS\n");
        return 2;
    }
    long long duration = (long long) (atof(argv[2]) * 1e9);
    long long start = now_ns();
    if (strcmp(argv[1], "spin") == 0) {
        long long last = start;
        for (;;) {
            long long t = now_ns();
            if (t - start >= duration) break;
            record(last - start, t - last);
            last = t;
        }
    } else if (strcmp(argv[1], "sleep") == 0 && argc >= 4) {
        long long interval = atoll(argv[3]) * 1000LL;
        struct timespec req = {interval / 1000000000LL, interval % 1000000000LL};
        for (;;) {
            long long before = now_ns();
            if (before - start >= duration) break;
            clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL);
            record(before - start, now_ns() - before - interval);
        }
    } else {
        fprintf(stderr, "unknown mode %s\n", argv[1]);
        return 2;
    }
    report(argv[1]);
    return 0;
}
