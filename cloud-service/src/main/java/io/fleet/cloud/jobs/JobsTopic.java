package io.fleet.cloud.jobs;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A device's request topic below {@code $aws/things/<thing>/jobs/}: {@code get}, {@code start-next},
 * {@code <jobId>/get} ({@code $next} for the next pending one) and {@code <jobId>/update}. Any other topic there is
 * a request AWS answers with InvalidTopic on {@code <topic>/rejected}; the topics the service itself publishes on
 * ({@code .../accepted}, {@code .../rejected}, {@code notify}, {@code notify-next}) are not requests at all.
 *
 * @param jobId null for {@code get} and {@code start-next}
 */
public record JobsTopic(String thing, Operation operation, String jobId) {

    /** What a request topic asks for. */
    public enum Operation { GET_PENDING, START_NEXT, DESCRIBE, UPDATE, INVALID }

    public static final String NEXT = "$next";
    private static final String THINGS = "$aws/things/";
    private static final Set<String> ANSWER_LEVELS = Set.of("accepted", "rejected", "notify", "notify-next");
    private static final Pattern JOB_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    /**
     * The topic filters that take every request a device may send (and {@code notify}/{@code notify-next}, which
     * {@link #parse} ignores), shared in {@code shareGroup} unless it is empty; never the service's own answers
     * two or three levels down.
     */
    public static String[] requestFilters(String shareGroup) {
        String prefix = shareGroup == null || shareGroup.isEmpty() ? "" : "$share/" + shareGroup + "/";
        return Stream.of("+", "+/get", "+/update").map(f -> prefix + "$aws/things/+/jobs/" + f)
                .toArray(String[]::new);
    }

    /** True for every topic below {@code $aws/things/<thing>/jobs/}, requests and answers. */
    public static boolean isJobsTopic(String topic) {
        // on the service client's MQTT callback for every shadow request too: no split, no allocation
        if (!topic.startsWith(THINGS)) {
            return false;
        }
        int thingEnd = topic.indexOf('/', THINGS.length());
        return thingEnd >= 0 && topic.startsWith("/jobs/", thingEnd);
    }

    /** True for every topic below {@code $aws/things/<thing>/jobs/} the service answers. */
    public static boolean isRequest(String topic) {
        return parse(topic).isPresent();
    }

    public static Optional<JobsTopic> parse(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length < 5 || !levels[0].equals("$aws") || !levels[1].equals("things")
                || !levels[3].equals("jobs") || ANSWER_LEVELS.contains(levels[levels.length - 1])) {
            return Optional.empty();
        }
        String thing = levels[2];
        if (levels.length == 5 && levels[4].equals("get")) {
            return Optional.of(new JobsTopic(thing, Operation.GET_PENDING, null));
        }
        if (levels.length == 5 && levels[4].equals("start-next")) {
            return Optional.of(new JobsTopic(thing, Operation.START_NEXT, null));
        }
        if (levels.length == 6 && levels[5].equals("get") && (levels[4].equals(NEXT) || isJobId(levels[4]))) {
            return Optional.of(new JobsTopic(thing, Operation.DESCRIBE, levels[4]));
        }
        if (levels.length == 6 && levels[5].equals("update") && isJobId(levels[4])) {
            return Optional.of(new JobsTopic(thing, Operation.UPDATE, levels[4]));
        }
        return Optional.of(new JobsTopic(thing, Operation.INVALID, null));
    }

    private static boolean isJobId(String level) {
        return JOB_ID.matcher(level).matches();
    }
}
