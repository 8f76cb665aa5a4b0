package io.fleet.cloud.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.CloudService;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.config.HttpConfig;
import io.fleet.cloud.config.ShadowFrontend;
import io.fleet.cloud.config.TestConfig;
import io.fleet.cloud.config.VehiclesConfig;
import io.fleet.cloud.users.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service instances on one broker and one database, as behind a load balancer: the app's event stream is
 * connected to the second instance while its commands go through the first, and it still sees every status change.
 * The first instance's changes reach the second only through PostgreSQL (a cancel decides a command without any
 * shadow document the second could follow).
 */
class CommandEventsAcrossInstancesIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final VehiclesConfig VEHICLES = VehiclesConfig.defaults()
            .withCommandTimeout(Duration.ofSeconds(30)).withMaxCommandExpiry(Duration.ofMinutes(10));

    @TempDir
    Path dir;

    @Test
    void aClientOfTheOtherInstanceSeesACancelAndACarsReceiptAndOutcome() throws Exception {
        // The first instance embeds the broker but takes its shadow requests through its client, as the second must.
        try (RunningCloud cloud = RunningCloud.start(c -> c.withVehicles(VEHICLES).withMqtt(TestConfig.mqtt().port(0)
                .shadowFrontend(ShadowFrontend.CLIENT).build()))) {
            CloudConfig second = CloudConfig.defaults().withDataDir(dir.resolve("second"))
                    .withCertsDir(cloud.certificates().dir())
                    .withMqtt(TestConfig.externalBroker(cloud.mqttHost(), cloud.mqttPort()).build())
                    .withHttp(HttpConfig.loopback(0))
                    .withDatabase(cloud.service().databaseSettings())
                    .withS3(TestConfig.embeddedS3OnAnyPort())
                    .withVehicles(VEHICLES);
            try (CloudService other = CloudService.start(second)) {
                String token = cloud.service().users().addUser("roamer", User.Role.OWNER,
                        List.of("roaming-car", "parked-car"));
                AppApiClient viaFirst = new AppApiClient(cloud.httpBase(), token).withPin("roamer", "2468");
                AppApiClient viaSecond = new AppApiClient("http://127.0.0.1:" + other.httpPort(), token);

                try (AppApiClient.EventStream events = viaSecond.events("parked-car")) {
                    assertThat(events.next(WAIT, e -> e.name().equals("vehicle"))).isNotNull();
                    String id = viaFirst.command("parked-car", "trunk", "\"open\"", "600").body().path("id").asText();
                    assertThat(viaFirst.cancel("parked-car", id).status()).isEqualTo(200);
                    assertThat(events.next(WAIT, e -> isCommand(e, id, "CANCELED")))
                            .as("the first instance's cancel, streamed by the second").isNotNull();
                }

                CountDownLatch outcome = new CountDownLatch(1); // else the outcome may overtake the receipt
                try (ScriptedVehicle car = new ScriptedVehicle(cloud, "roaming-car", true,
                        ScriptedVehicle.succeedingOnceReleased(outcome));
                     AppApiClient.EventStream events = viaSecond.events("roaming-car")) {
                    car.report("{\"lock\":\"unlocked\"}");
                    assertThat(events.next(WAIT, e -> e.name().equals("vehicle"))).isNotNull();
                    String id = viaFirst.command("roaming-car", "lock", "\"locked\"").body().path("id").asText();
                    assertThat(events.next(WAIT, e -> isCommand(e, id, "DELIVERED"))).isNotNull();
                    outcome.countDown();
                    assertThat(events.next(WAIT, e -> isCommand(e, id, "SUCCEEDED"))).isNotNull();
                }
            }
        }
    }

    private static boolean isCommand(AppApiClient.Event event, String id, String status) {
        return event.name().equals("command") && event.data().path("id").asText().equals(id)
                && event.data().path("status").asText().equals(status);
    }
}
