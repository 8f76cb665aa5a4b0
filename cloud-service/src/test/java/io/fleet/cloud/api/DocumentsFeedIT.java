package io.fleet.cloud.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.config.ShadowFrontend;
import io.fleet.cloud.config.TestConfig;
import io.fleet.cloud.users.User;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The command tracker learns a car's outcome from the shadow's {@code /update/documents} on its own MQTT
 * subscription, whichever way the shadow service takes its requests: inside the embedded broker (the default), or
 * through its client on a shared subscription (several instances, external brokers). Both must decide the command.
 */
class DocumentsFeedIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @ParameterizedTest(name = "shadow frontend {0}")
    @EnumSource(ShadowFrontend.class)
    void aCarsReportDecidesTheCommandOnTheEventStream(ShadowFrontend frontend) throws Exception {
        try (RunningCloud cloud = RunningCloud.start(c -> c.withMqtt(TestConfig.mqtt().port(0).shadowFrontend(frontend)
                .build()))) {
            AppApiClient owner = new AppApiClient(cloud.httpBase(), cloud.service().users().addUser("carol",
                    User.Role.OWNER, List.of("carol-car"))).withPin("carol", "2468");
            try (ScriptedVehicle car = new ScriptedVehicle(cloud, "carol-car", (path, value) ->
                    new String[] {"SUCCEEDED", null});
                 AppApiClient.EventStream events = owner.events("carol-car")) {
                car.report("{\"trunk\":\"closed\"}");
                assertThat(events.next(WAIT, e -> e.name().equals("shadow")
                        && e.data().at("/state/reported/trunk").asText().equals("closed"))).isNotNull();

                AppApiClient.Reply accepted = owner.command("carol-car", "trunk", "\"open\"");
                assertThat(accepted.status()).isEqualTo(202);
                String id = accepted.body().path("id").asText();
                assertThat(events.next(WAIT, e -> e.name().equals("command") && e.data().path("id").asText()
                        .equals(id) && e.data().path("status").asText().equals("SUCCEEDED")))
                        .as("SUCCEEDED on the event stream with frontend " + frontend).isNotNull();
                assertThat(owner.get("/api/vehicles/carol-car/commands/" + id).body().path("status").asText())
                        .isEqualTo("SUCCEEDED");
            }
        }
    }
}
