package io.fleet.cloud.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RigWakeupsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode documents(String previousRig, String currentRig) throws Exception {
        return JSON.readTree("{\"previous\": " + shadow(previousRig) + ", \"current\": " + shadow(currentRig) + "}");
    }

    private static String shadow(String rig) {
        return rig == null ? "null" : "{\"state\": {\"reported\": {\"rig\": " + rig + "}}}";
    }

    @Test
    void aRigTurningHealthyOrFreeWakesTheDispatcher() throws Exception {
        assertThat(RigWakeups.turnedReady(documents(null, "{\"health\": \"healthy\", \"busy\": false}"))).isTrue();
        assertThat(RigWakeups.turnedReady(documents("{\"health\": \"unhealthy\"}", "{\"health\": \"healthy\"}")))
                .isTrue();
        assertThat(RigWakeups.turnedReady(documents("{\"health\": \"healthy\", \"busy\": true}",
                "{\"health\": \"healthy\", \"busy\": false}"))).isTrue();
    }

    @Test
    void documentsThatLeaveTheRigAsItWasOrUnreadyWakeNothing() throws Exception {
        assertThat(RigWakeups.turnedReady(documents("{\"health\": \"healthy\"}", "{\"health\": \"healthy\"}")))
                .as("a repeated healthy report").isFalse();
        assertThat(RigWakeups.turnedReady(documents("{\"health\": \"healthy\"}", "{\"health\": \"unhealthy\"}")))
                .isFalse();
        assertThat(RigWakeups.turnedReady(documents("{\"health\": \"unhealthy\"}",
                "{\"health\": \"healthy\", \"busy\": true}"))).as("healthy but busy").isFalse();
        assertThat(RigWakeups.turnedReady(JSON.readTree("{\"current\": {\"state\": {\"reported\": {\"speed\": 3}}}}")))
                .as("a vehicle's shadow").isFalse();
    }

    @Test
    void everyConnectionWakesTheDispatcher() throws Exception {
        AtomicInteger wakes = new AtomicInteger();
        RigWakeups wakeups = new RigWakeups(wakes::incrementAndGet);

        wakeups.connected("rig-1");
        wakeups.shadowDocuments("rig-1", documents("{\"health\": \"unhealthy\"}", "{\"health\": \"healthy\"}"));
        wakeups.shadowDocuments("rig-1", documents("{\"health\": \"healthy\"}", "{\"health\": \"healthy\"}"));

        assertThat(wakes).hasValue(2);
    }
}
