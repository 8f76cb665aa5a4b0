package io.fleet.rig.replay;

import io.fleet.model.Checks;
import io.fleet.rig.output.BusOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import org.HdrHistogram.Histogram;

/**
 * One replay of one source onto a set of outputs: a reader thread fans records out into one bounded queue per
 * output, and sender threads send them at their deadlines on a shared {@link ReplayTimeline}: one thread per output,
 * or one thread for all of them that always serves the earliest deadline ({@link SenderMode}).
 * {@link #start}, {@link #pause}, {@link #resume}, {@link #stop} and {@link #awaitResult} are called by the
 * controlling thread (the CLI's main thread, or a test).
 */
public final class ReplaySession {

    /** Every sender thread's name starts with this (OS tools see the first 15 characters). */
    public static final String SENDER_THREAD_PREFIX = "replay-send-";

    private final RecordSource source;
    private final List<BusOutput> outputs;
    private final ReplayOptions options;
    private final ReplayTimeline timeline;
    private final ThreadFactory threads;
    private final ReplayReader reader;
    private final List<OutputLane> lanes = new ArrayList<>();
    private final List<OutputSender> senders = new ArrayList<>();
    private final EarliestDeadlineSender shared;
    private final List<Thread> running = new ArrayList<>();

    /** One sender thread per output ({@link SenderMode#PER_OUTPUT}). */
    public ReplaySession(RecordSource source, List<BusOutput> outputs, ReplayOptions options, ReplayClock clock,
                         ThreadFactory threads, SendObserver observer) {
        this(source, outputs, options, clock, threads, observer, SenderMode.PER_OUTPUT);
    }

    /** @param mode sender threads; {@link SenderMode#AUTO} is resolved for this machine's cores */
    public ReplaySession(RecordSource source, List<BusOutput> outputs, ReplayOptions options, ReplayClock clock,
                         ThreadFactory threads, SendObserver observer, SenderMode mode) {
        this.source = Checks.notNull(source, "source");
        this.outputs = List.copyOf(outputs);
        Checks.check(!this.outputs.isEmpty(), "outputs", "must not be empty", outputs);
        this.options = Checks.notNull(options, "options");
        this.timeline = new ReplayTimeline(clock, options.speed(), options.spinNanos());
        this.threads = Checks.notNull(threads, "threads");
        PrefetchQueue.Arrivals arrivals = new PrefetchQueue.Arrivals();
        List<BlockingQueue<ScheduledRecord>> queues = new ArrayList<>();
        for (BusOutput output : this.outputs) {
            PrefetchQueue queue = new PrefetchQueue(options.queueCapacity(), arrivals);
            queues.add(queue);
            lanes.add(new OutputLane(output, queue, timeline, options.maxBatch(), observer));
        }
        if (Checks.notNull(mode, "mode").resolve(this.outputs.size()) == SenderMode.SHARED) {
            this.shared = new EarliestDeadlineSender(lanes, timeline, arrivals);
        } else {
            this.shared = null;
            lanes.forEach(lane -> senders.add(new OutputSender(lane, timeline)));
        }
        this.reader = new ReplayReader(source, options, new RecordRouter(this.outputs, options.channelMap()), queues);
    }

    /**
     * Threads named {@code replay-reader} and {@code replay-send-<output>} (or {@code replay-send-shared}), at
     * maximum priority.
     */
    public static ThreadFactory defaultThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            return thread;
        };
    }

    /** Whether one thread sends for all outputs. */
    public boolean sharedSender() {
        return shared != null;
    }

    public ReplayTimeline timeline() {
        return timeline;
    }

    /**
     * Opens the source, starts the reader and gives it its head start ({@link ReplayOptions#prefillNanos()}), then
     * starts the timeline and the sender threads. Opening first keeps slow sources (an S3 download into the cache)
     * from eating into the first deadlines; the head start keeps a reader still slower than the timeline (a fresh
     * JVM, a seek far into the log) from making the senders wait in the first second.
     *
     * @throws IOException          when the source cannot be opened; nothing has started then
     * @throws InterruptedException when interrupted during the head start; the replay is stopped then (its threads
     *                              still run to their end, so {@link #awaitResult} works)
     */
    public void start() throws IOException, InterruptedException {
        Checks.check(running.isEmpty(), "session", "can be started only once", "started");
        reader.openFirst();
        Thread readerThread = named(threads.newThread(reader), "replay-reader");
        running.add(readerThread);
        readerThread.start();
        InterruptedException interrupted = null;
        try {
            reader.awaitHeadStart();
        } catch (InterruptedException e) {
            interrupted = e;
            stop();
        }
        timeline.start(options.leadNanos());
        for (int i = 0; i < senders.size(); i++) {
            running.add(named(threads.newThread(senders.get(i)), SENDER_THREAD_PREFIX + outputs.get(i).name()));
        }
        if (shared != null) {
            running.add(named(threads.newThread(shared), SENDER_THREAD_PREFIX + "shared"));
        }
        running.subList(1, running.size()).forEach(Thread::start); // they drain the queues the reader may block on
        if (interrupted != null) {
            throw interrupted;
        }
    }

    private static Thread named(Thread thread, String name) {
        thread.setName(name);
        return thread;
    }

    public void pause() {
        timeline.pause();
    }

    public void resume() {
        timeline.resume();
    }

    /** Ends the replay early: the reader stops and the senders discard what is queued. */
    public void stop() {
        senders.forEach(OutputSender::stop);
        if (shared != null) {
            shared.stop();
        }
        if (!running.isEmpty()) {
            running.get(0).interrupt();
        }
    }

    public ReplayProgress progress() {
        long sent = 0;
        long dropped = 0;
        for (OutputLane lane : lanes) {
            sent += lane.stats().sent();
            dropped += lane.stats().dropped();
        }
        long queuedUpTo = (long) (reader.lastOffsetNanos() / timeline.speed());
        return new ReplayProgress(timeline.elapsedNanos(), queuedUpTo, sent, dropped);
    }

    /** The worst output's 99th percentile of lateness so far in microseconds, 0 before any frame was sent. */
    public double latenessP99MicrosSoFar() {
        double worst = 0;
        for (OutputLane lane : lanes) {
            Histogram lateness = lane.stats().latenessSoFar();
            if (lateness.getTotalCount() > 0) {
                worst = Math.max(worst, lateness.getValueAtPercentile(99) / 1e3);
            }
        }
        return worst;
    }

    /** Waits for the reader and every sender to finish and collects the counts. */
    public ReplayResult awaitResult() throws InterruptedException {
        for (Thread thread : running) {
            thread.join();
        }
        List<OutputReport> reports = new ArrayList<>();
        for (OutputLane lane : lanes) {
            reports.add(lane.stats().report());
        }
        long duration = Math.max(0, timeline.elapsedNanos());
        return new ReplayResult(source.name(), duration, reader.read.get(), reader.outsideWindow.get(),
                reader.filtered.get(), reader.unmapped.get(), reader.readStats(), reports, reader.failure());
    }
}
