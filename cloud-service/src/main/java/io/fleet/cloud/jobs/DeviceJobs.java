package io.fleet.cloud.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.controlplane.AsyncTransactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS IoT Jobs device API over MQTT: GetPendingJobExecutions ({@code jobs/get}), StartNextPendingJobExecution
 * ({@code jobs/start-next}), DescribeJobExecution ({@code jobs/<jobId>/get}) and UpdateJobExecution
 * ({@code jobs/<jobId>/update}), answered on {@code <request topic>/accepted} or {@code /rejected} with the
 * request's clientToken, followed by {@code jobs/notify} / {@code jobs/notify-next} when the thing's pending list
 * changed. Each request is one PostgreSQL transaction holding the thing's lock; a refused one changes nothing.
 *
 * <p>Threads: {@link #onRequest} returns at once (it is called on the broker's threads); the work runs on
 * {@code executor}; answers go to {@code publisher} after the commit.
 */
public final class DeviceJobs {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceJobs.class);
    private static final long MINUTE = 60_000;

    private final AsyncTransactions transactions;
    private final Clock clock;
    private final BiConsumer<String, byte[]> publisher;
    private final JobExecutionStore executions = new JobExecutionStore();
    private final ExecutionLifecycle lifecycle = new ExecutionLifecycle(new JobStore(), executions);
    private final PendingJobsNotifier notifier = new PendingJobsNotifier(executions);

    private record Outcome(ObjectNode answer, List<PendingJobsNotifier.Event> events) {
    }

    private volatile Consumer<String> executionEnded = thing -> { };

    /** @param publisher sends one QoS 1 message (topic, payload) without blocking */
    public DeviceJobs(DataSource dataSource, Executor executor, Clock clock, BiConsumer<String, byte[]> publisher) {
        this.transactions = new AsyncTransactions(dataSource, executor);
        this.clock = clock;
        this.publisher = publisher;
    }

    /**
     * From now on {@code listener} hears the thing whose device ended an execution (SUCCEEDED, FAILED, REJECTED),
     * after the commit: the campaign dispatcher wakes on it to give the rig its next run at once. It must not block.
     */
    public void onExecutionEnded(Consumer<String> listener) {
        this.executionEnded = listener;
    }

    /** Serves one request published on {@code topic}; completes once the answer is handed to the publisher. */
    public CompletableFuture<Void> onRequest(String topic, byte[] payload) {
        JobsTopic request = JobsTopic.parse(topic).orElse(null);
        if (request == null) {
            return CompletableFuture.completedFuture(null);
        }
        DeviceJobRequest body;
        try {
            if (request.operation() == JobsTopic.Operation.INVALID) {
                throw new DeviceJobException("InvalidTopic", "The topic " + topic + " is not a jobs request topic "
                        + "(jobs/get, jobs/start-next, jobs/<jobId>/get, jobs/<jobId>/update)", null);
            }
            body = DeviceJobRequest.parse(payload);
        } catch (DeviceJobException e) {
            reject(topic, e, DeviceJobRequest.clientTokenOf(payload));
            return CompletableFuture.completedFuture(null);
        }
        return transactions.run(c -> serve(c, request, body)).handle((outcome, failure) -> {
            if (failure == null) {
                publisher.accept(topic + "/accepted", DeviceJobMessages.bytes(outcome.answer()));
                outcome.events().forEach(event -> publisher.accept(event.topic(), event.payload()));
                ExecutionStatus ended = ExecutionStatus.parse(body.status());
                if (request.operation() == JobsTopic.Operation.UPDATE && ended != null && ended.isTerminal()) {
                    executionEnded.accept(request.thing());
                }
            } else {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                DeviceJobException refusal;
                if (cause instanceof DeviceJobException refused) {
                    refusal = refused;
                } else {
                    LOG.warn("jobs request on {} failed", topic, cause);
                    refusal = new DeviceJobException("InternalError", "The request could not be served", null);
                }
                reject(topic, refusal, body.clientToken());
            }
            return null;
        });
    }

    private void reject(String topic, DeviceJobException refusal, String clientToken) {
        publisher.accept(topic + "/rejected",
                DeviceJobMessages.bytes(DeviceJobMessages.rejected(refusal, clientToken, clock.millis())));
    }

    private Outcome serve(Connection c, JobsTopic topic, DeviceJobRequest request) throws SQLException {
        executions.lockThing(c, topic.thing());
        long now = clock.millis();
        List<JobExecution> before = executions.pending(c, topic.thing());
        ObjectNode answer = switch (topic.operation()) {
            case GET_PENDING -> DeviceJobMessages.pending(before, request.clientToken(), now);
            case START_NEXT -> startNext(c, before, request, now);
            case DESCRIBE -> describe(c, topic, before, request, now);
            case UPDATE -> update(c, topic, request, now);
            case INVALID -> throw new IllegalStateException("refused before the transaction");
        };
        return new Outcome(answer, notifier.changes(c, topic.thing(), before, now));
    }

    /** An IN_PROGRESS execution is handed back as it is; else the oldest QUEUED one starts. */
    private ObjectNode startNext(Connection c, List<JobExecution> pending, DeviceJobRequest request, long now)
            throws SQLException {
        ObjectNode answer = DeviceJobMessages.answer(request.clientToken(), now);
        if (pending.isEmpty()) {
            return answer;
        }
        JobExecution next = pending.get(0);
        if (next.status() == ExecutionStatus.QUEUED) {
            next = start(c, next, request, now);
            executions.update(c, next);
        }
        return answer.set("execution", DeviceJobMessages.execution(next, document(c, next)));
    }

    private ObjectNode describe(Connection c, JobsTopic topic, List<JobExecution> pending, DeviceJobRequest request,
                                long now) throws SQLException {
        ObjectNode answer = DeviceJobMessages.answer(request.clientToken(), now);
        JobExecution execution;
        if (topic.jobId().equals(JobsTopic.NEXT)) {
            if (pending.isEmpty()) {
                return answer;
            }
            execution = pending.get(0);
        } else {
            execution = find(c, topic, request);
        }
        boolean withDocument = !Boolean.FALSE.equals(request.includeJobDocument());
        return answer.set("execution", DeviceJobMessages.execution(execution,
                withDocument ? document(c, execution) : null));
    }

    private ObjectNode update(Connection c, JobsTopic topic, DeviceJobRequest request, long now)
            throws SQLException {
        if (request.status() == null) {
            throw DeviceJobException.invalidRequest("status is required: IN_PROGRESS, SUCCEEDED, FAILED or REJECTED");
        }
        ExecutionStatus next = ExecutionStatus.parse(request.status());
        if (next == null || !next.isSetByDevices()) {
            throw DeviceJobException.invalidRequest("status '" + request.status() + "' is not one a device may set: "
                    + "IN_PROGRESS, SUCCEEDED, FAILED or REJECTED");
        }
        JobExecution current = find(c, topic, request);
        if (request.expectedVersion() != null && request.expectedVersion() != current.versionNumber()) {
            throw new DeviceJobException("VersionMismatch", "expectedVersion " + request.expectedVersion()
                    + " is not the execution's version " + current.versionNumber(), current);
        }
        if (current.status().isEndedByService()) {
            throw new DeviceJobException("TerminalStateReached", "The job execution of " + current.jobId()
                    + " on " + current.thingName() + " has ended " + current.status(), current);
        }
        if (current.status().isTerminal()) {
            throw new DeviceJobException("InvalidStateTransition", "A job execution in state "
                    + current.status() + " cannot be updated to " + next, current);
        }
        JobExecution updated = next == ExecutionStatus.IN_PROGRESS && current.status() == ExecutionStatus.QUEUED
                ? start(c, current, request, now)
                : current.moved(next, details(current, request), now, stepDeadline(current, request, now),
                current.inProgressTimeoutAt());
        lifecycle.store(c, updated, now);
        ObjectNode answer = DeviceJobMessages.answer(request.clientToken(), now);
        if (Boolean.TRUE.equals(request.includeJobExecutionState())) {
            answer.set("executionState", DeviceJobMessages.state(updated));
        }
        if (Boolean.TRUE.equals(request.includeJobDocument())) {
            answer.set("jobDocument", DeviceJobMessages.document(document(c, updated)));
        }
        return answer;
    }

    /** QUEUED -> IN_PROGRESS with the request's details and step timeout and the job's in-progress timeout. */
    private JobExecution start(Connection c, JobExecution queued, DeviceJobRequest request, long now)
            throws SQLException {
        Long jobTimeout = executions.inProgressTimeoutMinutes(c, queued.jobId());
        Long inProgressDeadline = jobTimeout == null ? null : Long.valueOf(now + jobTimeout * MINUTE);
        return queued.moved(ExecutionStatus.IN_PROGRESS, details(queued, request), now,
                stepDeadline(queued, request, now), inProgressDeadline);
    }

    private JobExecution find(Connection c, JobsTopic topic, DeviceJobRequest request) throws SQLException {
        JobExecution execution = executions.execution(c, topic.thing(), topic.jobId()).orElseThrow(() ->
                DeviceJobException.notFound("No job execution of job " + topic.jobId() + " on thing "
                        + topic.thing()));
        if (request.executionNumber() != null && request.executionNumber() != execution.executionNumber()) {
            throw DeviceJobException.notFound("No job execution of job " + topic.jobId() + " on thing "
                    + topic.thing() + " with executionNumber " + request.executionNumber());
        }
        return execution;
    }

    private static Map<String, String> details(JobExecution current, DeviceJobRequest request) {
        return request.statusDetails() == null ? current.statusDetails() : request.statusDetails();
    }

    /** A new stepTimeoutInMinutes restarts the step timer; without one the running timer stays. */
    private static Long stepDeadline(JobExecution current, DeviceJobRequest request, long now) {
        return request.stepTimeoutInMinutes() == null ? current.stepTimeoutAt()
                : Long.valueOf(now + request.stepTimeoutInMinutes() * MINUTE);
    }

    private String document(Connection c, JobExecution execution) throws SQLException {
        return executions.document(c, execution.jobId()).orElse("{}");
    }
}
