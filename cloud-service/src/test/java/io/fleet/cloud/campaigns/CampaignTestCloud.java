package io.fleet.cloud.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.config.CampaignsConfig;
import io.fleet.cloud.registry.RegistryClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The cloud the campaign ITs share: the real service with the dispatcher timing a test class asks for, the IoT
 * registry client that creates the rigs' things and the admin's app API client; with the helpers the campaign tests
 * use to make simulated rigs and campaigns and to wait until a campaign or a rig gets where a test wants it.
 */
final class CampaignTestCloud implements AutoCloseable {

    /** How long a campaign or a rig has to get where a test waits for it. */
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String OUTPUTS = "{\"A\": \"cannelloni://127.0.0.1:20000\"}";

    private final RunningCloud cloud;
    private final IotClient iot;
    private final AppApiClient admin;

    private CampaignTestCloud(RunningCloud cloud, IotClient iot, AppApiClient admin) {
        this.cloud = cloud;
        this.iot = iot;
        this.admin = admin;
    }

    /** The service with these lease and dispatch settings, its registry client and its admin. */
    static CampaignTestCloud start(CampaignsConfig campaigns) throws Exception {
        RunningCloud cloud = RunningCloud.start(config -> config.withCampaigns(campaigns));
        try {
            AppApiClient admin = new AppApiClient(cloud.httpBase(),
                    cloud.service().tokenFiles().read("admin").orElseThrow());
            return new CampaignTestCloud(cloud, RegistryClients.iot(cloud.httpBase(), "AKIDEXAMPLE",
                    "unused-on-loopback"), admin);
        } catch (Exception | Error e) {
            cloud.close();
            throw e;
        }
    }

    RunningCloud cloud() {
        return cloud;
    }

    IotClient iot() {
        return iot;
    }

    AppApiClient admin() {
        return admin;
    }

    /** A new thing {@code name} in the registry and a rig on it that takes jobs as {@code behaviour} says. */
    static SimulatedRig rig(RunningCloud cloud, IotClient iot, String name, SimulatedRig.Behaviour behaviour,
                            String... capabilities) throws Exception {
        iot.createThing(b -> b.thingName(name));
        return new SimulatedRig(cloud, name, List.of(capabilities), behaviour);
    }

    SimulatedRig rig(String name, SimulatedRig.Behaviour behaviour, String... capabilities) throws Exception {
        return rig(cloud, iot, name, behaviour, capabilities);
    }

    /** {@code count} runs of explicit drive logs {@code s3://fleet-drive-logs/raw/<prefix>/log-<i>.mf4}, as JSON. */
    static String runs(int count, String prefix) {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add("{\"driveLog\": \"s3://fleet-drive-logs/raw/" + prefix + "/log-" + i + ".mf4\"}");
        }
        return "[" + String.join(", ", runs) + "]";
    }

    /** Creates a campaign through the app API (it must be accepted) and returns its id. */
    static long create(AppApiClient client, String name, String runs, int priority, String capabilities)
            throws Exception {
        AppApiClient.Reply reply = client.post("/api/campaigns", "{\"name\": \"" + name + "\", \"runs\": " + runs
                + ", \"requirements\": {\"capabilities\": " + capabilities + "}, \"outputs\": " + OUTPUTS
                + ", \"expect\": {\"0x7E8\": \"present\"}, \"priority\": " + priority + ", \"retries\": 1}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.body().path("id").asLong();
    }

    long create(String name, String runs, int priority, String capabilities) throws Exception {
        return create(admin, name, runs, priority, capabilities);
    }

    /** The campaign once {@code wanted} holds for it, within {@link #WAIT}. */
    static JsonNode await(AppApiClient client, long campaign, Predicate<JsonNode> wanted) {
        return client.awaitCampaign(campaign, WAIT, wanted);
    }

    JsonNode await(long campaign, Predicate<JsonNode> wanted) {
        return await(admin, campaign, wanted);
    }

    /** The rig's entry in {@code GET /api/rigs} once {@code wanted} holds for it, within {@link #WAIT}. */
    JsonNode awaitRig(String name, Predicate<JsonNode> wanted) {
        return admin.awaitRig(name, WAIT, wanted);
    }

    /** Holds for a campaign whose runs are all in {@code state}. */
    static Predicate<JsonNode> allRuns(String state) {
        return body -> StreamSupport.stream(body.path("runs").spliterator(), false)
                .allMatch(run -> run.path("state").asText().equals(state));
    }

    @Override
    public void close() {
        try {
            iot.close();
        } finally {
            cloud.close();
        }
    }
}
