package io.fleet.cloud.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.registry.RegistryClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * Which rigs get runs, and when: a rig that comes online, turns healthy or stops being busy gets the queued run at
 * once, and a rig that reports busy with a job of its own gets none. The dispatcher's timed pass is ten minutes here,
 * far beyond the tests' wait, so only the wake-up on the rig's presence event or shadow document can lease it.
 */
class RigAvailabilityIT {

    private static final CloudConfig.Campaigns SLOW_TIMER = CloudConfig.Campaigns.defaults()
            .withDispatchInterval(Duration.ofMinutes(10));

    private static RunningCloud cloud;
    private static IotClient iot;
    private static AppApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        cloud = RunningCloud.start(config -> config.withCampaigns(SLOW_TIMER));
        iot = RegistryClients.iot(cloud.httpBase(), "AKIDEXAMPLE", "unused-on-loopback");
        admin = new AppApiClient(cloud.httpBase(), cloud.service().tokenFiles().read("admin").orElseThrow());
    }

    @AfterAll
    static void stop() {
        if (iot != null) {
            iot.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void aRigThatConnectsGetsTheQueuedRunWithoutWaitingForTheTimer() throws Exception {
        try (SimulatedRig once = CampaignsIT.rig(cloud, iot, "wake-online-rig", SimulatedRig.Behaviour.PASS, "can")) {
            CampaignsIT.awaitRig(admin, "wake-online-rig", rig -> rig.path("dispatchable").asBoolean());
        }
        CampaignsIT.awaitRig(admin, "wake-online-rig", rig -> !rig.path("connected").asBoolean());
        long id = CampaignsIT.create(admin, "online wake", CampaignsIT.runs(1, "online-wake"), 0, "[\"can\"]");

        // Its shadow says healthy already, so the report on connecting changes nothing: the presence event wakes.
        takesTheRunAtOnce(new SimulatedRig(cloud, "wake-online-rig", List.of("can"), SimulatedRig.Behaviour.PASS),
                id);
    }

    /** The rig gets the campaign's run well before the ten-minute timer, and the run passes. */
    private static void takesTheRunAtOnce(SimulatedRig rig, long campaign) throws Exception {
        try (rig) {
            JsonNode document = rig.nextDocument(CampaignsIT.WAIT.toSeconds());

            assertThat(document).as("the queued run, leased before the ten-minute timer").isNotNull();
            assertThat(document.path("campaign").asText()).isEqualTo(Long.toString(campaign));
            CampaignsIT.await(admin, campaign, CampaignsIT.allRuns("PASSED"));
        }
    }

    /** A connected device of a new thing that reported {@code rig} as its {@code reported.rig}. */
    private static AwsDeviceClient reportingRig(String thing, String rig) throws Exception {
        iot.createThing(b -> b.thingName(thing));
        AwsDeviceClient device = cloud.device(thing);
        device.publish("$aws/things/" + thing + "/shadow/update", "{\"state\": {\"reported\": {\"rig\": " + rig
                + "}}}", QOS.AT_LEAST_ONCE, false).get(AwsDeviceClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return device;
    }

    @Test
    void aRigThatTurnsHealthyGetsTheQueuedRunWithoutWaitingForTheTimer() throws Exception {
        // Queued first, so the pass its creation wakes is long over (no rig yet) when the rig turns healthy.
        long id = CampaignsIT.create(admin, "healthy wake", CampaignsIT.runs(1, "healthy-wake"), 0, "[\"canfd\"]");
        AwsDeviceClient device = reportingRig("wake-healthy-rig", "{\"health\": \"unhealthy\", \"reason\": "
                + "\"output A does not open\", \"capabilities\": [\"canfd\"], \"busy\": false}");
        CampaignsIT.awaitRig(admin, "wake-healthy-rig", rig -> rig.path("connected").asBoolean()
                && rig.path("health").asText().equals("unhealthy"));
        assertThat(admin.get("/api/campaigns/" + id).body().path("runs").get(0).path("state").asText())
                .as("no lease for an unhealthy rig").isEqualTo("QUEUED");

        // Reports healthy on the same connection: only the shadow document can wake the dispatcher.
        takesTheRunAtOnce(new SimulatedRig(device, "wake-healthy-rig", List.of("canfd"), SimulatedRig.Behaviour.PASS),
                id);
    }

    @Test
    void aRigBusyWithAJobOfItsOwnGetsNoRunUntilItReportsItIsFree() throws Exception {
        AwsDeviceClient device = reportingRig("own-job-rig", "{\"health\": \"healthy\", \"capabilities\": "
                + "[\"ethernet\"], \"busy\": true}");
        JsonNode busy = CampaignsIT.awaitRig(admin, "own-job-rig", rig -> rig.path("connected").asBoolean()
                && rig.path("busy").asBoolean());
        assertThat(busy.path("dispatchable").asBoolean()).isFalse();
        try (SimulatedRig free = CampaignsIT.rig(cloud, iot, "z-free-rig", SimulatedRig.Behaviour.HOLD,
                "ethernet")) {
            CampaignsIT.awaitRig(admin, "z-free-rig", rig -> rig.path("dispatchable").asBoolean());
            long id = CampaignsIT.create(admin, "busy rig", CampaignsIT.runs(2, "busy-rig"), 0, "[\"ethernet\"]");

            // One pass offers both runs to both rigs: the free one takes the first, the busy one (first by name)
            // none.
            assertThat(free.nextDocument(CampaignsIT.WAIT.toSeconds())).isNotNull();
            JsonNode runs = admin.get("/api/campaigns/" + id).body().path("runs");
            assertThat(runs.get(0).path("rig").asText()).isEqualTo("z-free-rig");
            assertThat(runs.get(1).path("state").asText()).isEqualTo("QUEUED");
            assertThat(runs.get(1).path("attempts")).isEmpty();

            try (SimulatedRig nowFree = new SimulatedRig(device, "own-job-rig", List.of("ethernet"),
                    SimulatedRig.Behaviour.PASS)) {
                JsonNode document = nowFree.nextDocument(CampaignsIT.WAIT.toSeconds());

                assertThat(document).as("the second run, once the rig reported busy false").isNotNull();
                assertThat(document.path("driveLog").asText()).endsWith("/busy-rig/log-1.mf4");
                free.release();
                CampaignsIT.await(admin, id, CampaignsIT.allRuns("PASSED"));
            }
        }
    }
}
