package io.fleet.cloud.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.iot.iotjobs.IotJobsV2Client;
import software.amazon.awssdk.iot.iotjobs.model.JobStatus;

/**
 * A test double of the rig agent (the real one is hil-rig's): a device with its own certificate that keeps {@code
 * reported.rig} in its shadow as the rig agent does (hil-rig README, "Rig agent") and takes jobs with the unmodified
 * AWS IoT Device SDK's {@link IotJobsV2Client} (or plainly, {@link RigJobs#plain}), behaving as told: it passes,
 * rejects, or goes silent after starting a job.
 */
final class SimulatedRig implements AutoCloseable {

    enum Behaviour {
        /** Starts the job, sends a progress update (a heartbeat), ends it SUCCEEDED with verdict PASS. */
        PASS,
        /** Ends the job REJECTED with a reason, as a rig lacking a capability does. */
        REJECT,
        /** Starts the job and then says nothing more, as a hung rig. */
        SILENT,
        /** Starts the job and heartbeats until {@link #release()}, then passes. */
        HOLD
    }

    static final String SOFTWARE = "sim-rig-1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String thing;
    private final AwsDeviceClient device;
    private final RigJobs jobs;
    private final Thread loop;
    private final BlockingQueue<JsonNode> documents = new LinkedBlockingQueue<>();
    private final List<String> jobIds = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Behaviour behaviour;
    private volatile long runMillis;
    private volatile boolean running = true;

    SimulatedRig(RunningCloud cloud, String thing, List<String> capabilities, Behaviour behaviour) throws Exception {
        this(cloud.device(thing), thing, capabilities, behaviour);
    }

    /** A rig on a connected device whose client id is {@code thing}; the rig closes it. */
    SimulatedRig(AwsDeviceClient device, String thing, List<String> capabilities, Behaviour behaviour)
            throws Exception {
        this(device, thing, capabilities, behaviour, RigJobs.sdk(device, thing));
    }

    /** A rig on a connected device that speaks Jobs through {@code jobs}; the rig closes both. */
    SimulatedRig(AwsDeviceClient device, String thing, List<String> capabilities, Behaviour behaviour, RigJobs jobs)
            throws Exception {
        this.thing = thing;
        this.behaviour = behaviour;
        this.device = device;
        this.jobs = jobs;
        reportRig(capabilities);
        this.loop = new Thread(this::work, "simulated-" + thing);
        loop.setDaemon(true);
        loop.start();
    }

    private void reportRig(List<String> capabilities) throws Exception {
        Map<String, Object> rig = Map.of("health", "healthy", "softwareVersion", SOFTWARE, "capabilities",
                capabilities, "busy", false);
        String update = JSON.writeValueAsString(Map.of("state", Map.of("reported", Map.of("rig", rig))));
        device.publish("$aws/things/" + thing + "/shadow/update", update, QOS.AT_LEAST_ONCE, false)
                .get(AwsDeviceClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The next job document this rig took, or null after {@code seconds}. */
    JsonNode nextDocument(long seconds) throws InterruptedException {
        return documents.poll(seconds, TimeUnit.SECONDS);
    }

    List<String> jobIds() {
        return List.copyOf(jobIds);
    }

    /** How long a PASS run replays between its progress update and its verdict (0, the default: at once). */
    void runFor(long millis) {
        runMillis = millis;
    }

    void release() {
        released.countDown();
    }

    private void work() {
        while (running) {
            try {
                RigJobs.Taken taken = jobs.startNext();
                if (taken == null || jobIds.contains(taken.jobId())) {
                    jobs.awaitWork(Duration.ofSeconds(1));
                    continue;
                }
                jobIds.add(taken.jobId());
                documents.add(taken.document());
                run(taken.jobId(), taken.document());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                sleepQuietly(); // a request timed out or was rejected (e.g. the job was cancelled): carry on
            }
        }
    }

    private void run(String jobId, JsonNode document) throws Exception {
        switch (behaviour) {
            case REJECT -> update(jobId, JobStatus.REJECTED, Map.of("reason", "simulated rig refuses the job"));
            case SILENT -> {
                // never heard of again
            }
            case HOLD -> {
                while (!released.await(300, TimeUnit.MILLISECONDS)) {
                    try {
                        update(jobId, JobStatus.IN_PROGRESS, Map.of("percent", "50", "softwareVersion", SOFTWARE));
                    } catch (ExecutionException | TimeoutException e) {
                        // the service is away (restarting): keep on heartbeating, as a rig agent does
                    }
                }
                pass(jobId, document);
            }
            case PASS -> {
                update(jobId, JobStatus.IN_PROGRESS, Map.of("percent", "50", "frames", "60",
                        "softwareVersion", SOFTWARE));
                Thread.sleep(runMillis);
                pass(jobId, document);
            }
        }
    }

    private void pass(String jobId, JsonNode document) throws Exception {
        for (int tries = 1; tries < 5; tries++) { // the service may just be back; a rig agent tries again too
            try {
                passOnce(jobId, document);
                return;
            } catch (ExecutionException | TimeoutException e) {
                Thread.sleep(500);
            }
        }
        passOnce(jobId, document);
    }

    private void passOnce(String jobId, JsonNode document) throws Exception {
        update(jobId, JobStatus.SUCCEEDED, Map.of("verdict", "PASS", "results", "s3://fleet-drive-logs/"
                + document.path("resultsPrefix").asText(), "frames", "120", "latenessP99Us", "42",
                "softwareVersion", SOFTWARE));
    }

    private void update(String jobId, JobStatus status, Map<String, String> details) throws Exception {
        jobs.update(jobId, status, details);
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jobs.close();
        device.close();
    }
}
