package io.fleet.rig.agent;

import io.fleet.rig.replay.ReplayProgress;
import io.fleet.rig.replay.ReplayResult;
import io.fleet.rig.replay.ReplaySession;
import io.fleet.rig.replay.ReplayWatcher;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.iot.iotjobs.model.RejectedErrorCode;
import software.amazon.awssdk.iot.iotjobs.model.V2ErrorResponseException;

/**
 * One running job's link to its replay. Once a second while the replay runs it reports {@code percent},
 * {@code frames} and {@code latenessP99Us} so far in an IN_PROGRESS update (the dispatcher's lease heartbeat too),
 * waiting for each answer before the next, so there is never more than one a second. It stops the replay when the
 * execution is cancelled: the agent learns it from {@code jobs/notify} ({@link #cancel}), or the service rejects a
 * progress update with TerminalStateReached.
 */
final class JobProgress implements ReplayWatcher, AutoCloseable {

    /** Sends one IN_PROGRESS update with these status details. */
    @FunctionalInterface
    interface Reporter {
        CompletableFuture<?> report(Map<String, String> details);
    }

    private static final Logger LOG = LoggerFactory.getLogger(JobProgress.class);
    private static final long INTERVAL_MS = 1000;
    private static final long ANSWER_TIMEOUT_S = 30;

    private final String jobId;
    private final Reporter reporter;
    private final ScheduledExecutorService timer;
    private volatile ReplaySession session;
    private volatile long expectedNanos = -1;
    private volatile String cancelledBecause;

    JobProgress(String jobId, Reporter reporter) {
        this.jobId = jobId;
        this.reporter = reporter;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rig-agent-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    String jobId() {
        return jobId;
    }

    @Override
    public void started(ReplaySession started, long expected) {
        this.expectedNanos = expected;
        this.session = started;
        if (cancelled()) {
            started.stop(); // cancelled while the log was being fetched
            return;
        }
        timer.scheduleWithFixedDelay(this::report, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void ended(ReplayResult result) {
        timer.shutdownNow();
    }

    /** Stops the replay (or keeps it from starting); the execution has already ended on the service. */
    void cancel(String reason) {
        if (cancelledBecause != null) {
            return;
        }
        cancelledBecause = reason;
        LOG.info("job {}: {}, stopping its replay", jobId, reason);
        timer.shutdownNow();
        ReplaySession running = session;
        if (running != null) {
            running.stop();
        }
    }

    boolean cancelled() {
        return cancelledBecause != null;
    }

    /** The progress status details now: percent only when the timeline's length is known. */
    Map<String, String> details() {
        ReplayProgress progress = session.progress();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("step", "replaying");
        if (expectedNanos > 0) {
            long percent = Math.min(100, Math.max(0, progress.elapsedNanos()) * 100 / expectedNanos);
            details.put("percent", Long.toString(percent));
        }
        details.put("frames", Long.toString(progress.sent()));
        details.put("latenessP99Us", String.format(Locale.ROOT, "%.1f", session.latenessP99MicrosSoFar()));
        return details;
    }

    private void report() {
        try {
            reporter.report(details()).get(ANSWER_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the replay ended
        } catch (ExecutionException e) {
            if (e.getCause() instanceof V2ErrorResponseException rejected && rejected.getModeledError() != null
                    && rejected.getModeledError().code == RejectedErrorCode.TERMINAL_STATE_REACHED) {
                cancel("the execution has ended on the service (" + rejected.getModeledError().message + ")");
            } else {
                LOG.warn("job {}: progress update failed: {}", jobId, e.getCause().toString());
            }
        } catch (TimeoutException e) {
            LOG.warn("job {}: no answer to a progress update in {} s", jobId, ANSWER_TIMEOUT_S);
        } catch (RuntimeException e) {
            // the executor would swallow it and report no more: log it and go on
            LOG.warn("job {}: could not report progress", jobId, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
