package io.fleet.cloud.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Works out the events AWS IoT Jobs publishes when a thing's pending executions change: {@code jobs/notify} when an
 * execution joins or leaves the pending list (a retry, with its new execution number, counts as a new one), and
 * {@code jobs/notify-next} when the execution {@code $next} names becomes another one (not when its details
 * change), without {@code execution} once nothing is pending. The events are made inside the transaction and
 * published only after it commits.
 */
final class PendingJobsNotifier {

    /** One message to publish. */
    record Event(String topic, byte[] payload) {
    }

    private final JobExecutionStore executions;

    PendingJobsNotifier(JobExecutionStore executions) {
        this.executions = executions;
    }

    /** The events for {@code thing}, whose pending list was {@code before} and is now read again. */
    List<Event> changes(Connection c, String thing, List<JobExecution> before, long now) throws SQLException {
        List<JobExecution> after = executions.pending(c, thing);
        List<Event> events = new ArrayList<>();
        String prefix = "$aws/things/" + thing + "/jobs/";
        if (!keys(before).equals(keys(after))) {
            events.add(new Event(prefix + "notify", DeviceJobMessages.bytes(DeviceJobMessages.notify(after, now))));
        }
        String nextBefore = before.isEmpty() ? null : key(before.get(0));
        String nextAfter = after.isEmpty() ? null : key(after.get(0));
        if (!Objects.equals(nextBefore, nextAfter)) {
            var event = DeviceJobMessages.answer(null, now);
            if (!after.isEmpty()) {
                JobExecution next = after.get(0);
                event.set("execution", DeviceJobMessages.execution(next,
                        executions.document(c, next.jobId()).orElse(null)));
            }
            events.add(new Event(prefix + "notify-next", DeviceJobMessages.bytes(event)));
        }
        return events;
    }

    private static List<String> keys(List<JobExecution> pending) {
        return pending.stream().map(PendingJobsNotifier::key).sorted().toList();
    }

    private static String key(JobExecution e) {
        return e.jobId() + "#" + e.executionNumber();
    }
}
