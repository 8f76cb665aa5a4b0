package io.fleet.cloud.campaigns;

import static io.fleet.cloud.campaigns.CampaignTestCloud.WAIT;
import static io.fleet.cloud.campaigns.CampaignTestCloud.allRuns;
import static io.fleet.cloud.campaigns.CampaignTestCloud.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.config.CampaignsConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.crt.mqtt5.QOS;

/**
 * Which rigs get runs, and when: a rig that comes online, turns healthy or stops being busy gets the queued run at
 * once, and a rig that reports busy with a job of its own gets none. The dispatcher's timed pass is ten minutes here,
 * far beyond the tests' wait, so only the wake-up on the rig's presence event or shadow document can lease it.
 */
class RigAvailabilityIT {

    private static final CampaignsConfig SLOW_TIMER = CampaignsConfig.defaults()
            .withDispatchInterval(Duration.ofMinutes(10));

    private static CampaignTestCloud campaigns;

    @BeforeAll
    static void start() throws Exception {
        campaigns = CampaignTestCloud.start(SLOW_TIMER);
    }

    @AfterAll
    static void stop() {
        if (campaigns != null) {
            campaigns.close();
        }
    }

    @Test
    void aRigThatConnectsGetsTheQueuedRunWithoutWaitingForTheTimer() throws Exception {
        try (SimulatedRig once = campaigns.rig("wake-online-rig", SimulatedRig.Behaviour.PASS, "can")) {
            campaigns.awaitRig("wake-online-rig", rig -> rig.path("dispatchable").asBoolean());
        }
        campaigns.awaitRig("wake-online-rig", rig -> !rig.path("connected").asBoolean());
        long id = campaigns.create("online wake", runs(1, "online-wake"), 0, "[\"can\"]");

        // Its shadow says healthy already, so the report on connecting changes nothing: the presence event wakes.
        takesTheRunAtOnce(new SimulatedRig(campaigns.cloud(), "wake-online-rig", List.of("can"),
                SimulatedRig.Behaviour.PASS), id);
    }

    /** The rig gets the campaign's run well before the ten-minute timer, and the run passes. */
    private static void takesTheRunAtOnce(SimulatedRig rig, long campaign) throws Exception {
        try (rig) {
            JsonNode document = rig.nextDocument(WAIT.toSeconds());

            assertThat(document).as("the queued run, leased before the ten-minute timer").isNotNull();
            assertThat(document.path("campaign").asText()).isEqualTo(Long.toString(campaign));
            campaigns.await(campaign, allRuns("PASSED"));
        }
    }

    /** A connected device of a new thing that reported {@code rig} as its {@code reported.rig}. */
    private static AwsDeviceClient reportingRig(String thing, String rig) throws Exception {
        campaigns.iot().createThing(b -> b.thingName(thing));
        AwsDeviceClient device = campaigns.cloud().device(thing);
        device.publish("$aws/things/" + thing + "/shadow/update", "{\"state\": {\"reported\": {\"rig\": " + rig
                + "}}}", QOS.AT_LEAST_ONCE, false).get(AwsDeviceClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return device;
    }

    @Test
    void aRigThatTurnsHealthyGetsTheQueuedRunWithoutWaitingForTheTimer() throws Exception {
        // Queued first, so the pass its creation wakes is long over (no rig yet) when the rig turns healthy.
        long id = campaigns.create("healthy wake", runs(1, "healthy-wake"), 0, "[\"canfd\"]");
        AwsDeviceClient device = reportingRig("wake-healthy-rig", "{\"health\": \"unhealthy\", \"reason\": "
                + "\"output A does not open\", \"capabilities\": [\"canfd\"], \"busy\": false}");
        campaigns.awaitRig("wake-healthy-rig", rig -> rig.path("connected").asBoolean()
                && rig.path("health").asText().equals("unhealthy"));
        assertThat(campaigns.admin().get("/api/campaigns/" + id).body().path("runs").get(0).path("state").asText())
                .as("no lease for an unhealthy rig").isEqualTo("QUEUED");

        // Reports healthy on the same connection: only the shadow document can wake the dispatcher.
        takesTheRunAtOnce(new SimulatedRig(device, "wake-healthy-rig", List.of("canfd"), SimulatedRig.Behaviour.PASS),
                id);
    }

    @Test
    void aRigBusyWithAJobOfItsOwnGetsNoRunUntilItReportsItIsFree() throws Exception {
        AwsDeviceClient device = reportingRig("own-job-rig", "{\"health\": \"healthy\", \"capabilities\": "
                + "[\"ethernet\"], \"busy\": true}");
        JsonNode busy = campaigns.awaitRig("own-job-rig", rig -> rig.path("connected").asBoolean()
                && rig.path("busy").asBoolean());
        assertThat(busy.path("dispatchable").asBoolean()).isFalse();
        try (SimulatedRig free = campaigns.rig("z-free-rig", SimulatedRig.Behaviour.HOLD, "ethernet")) {
            campaigns.awaitRig("z-free-rig", rig -> rig.path("dispatchable").asBoolean());
            long id = campaigns.create("busy rig", runs(2, "busy-rig"), 0, "[\"ethernet\"]");

            // One pass offers both runs to both rigs: the free one takes the first, the busy one (first by name)
            // none.
            assertThat(free.nextDocument(WAIT.toSeconds())).isNotNull();
            JsonNode runs = campaigns.admin().get("/api/campaigns/" + id).body().path("runs");
            assertThat(runs.get(0).path("rig").asText()).isEqualTo("z-free-rig");
            assertThat(runs.get(1).path("state").asText()).isEqualTo("QUEUED");
            assertThat(runs.get(1).path("attempts")).isEmpty();

            try (SimulatedRig nowFree = new SimulatedRig(device, "own-job-rig", List.of("ethernet"),
                    SimulatedRig.Behaviour.PASS)) {
                JsonNode document = nowFree.nextDocument(WAIT.toSeconds());

                assertThat(document).as("the second run, once the rig reported busy false").isNotNull();
                assertThat(document.path("driveLog").asText()).endsWith("/busy-rig/log-1.mf4");
                free.release();
                campaigns.await(id, allRuns("PASSED"));
            }
        }
    }
}
