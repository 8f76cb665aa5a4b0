package io.fleet.cloud.vehicles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.api.ScriptedVehicle;
import io.fleet.cloud.config.HttpConfig;
import io.fleet.cloud.config.VehiclesConfig;
import io.fleet.cloud.users.User;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

/**
 * The AWS IoT Core shadow back-end, through the real AWS SDK v2 {@link IotDataPlaneClient}, against this service's
 * own AWS-compatible HTTP data plane, and the local back-end beside it: both must answer alike.
 */
@ExtendWith(CloudServiceExtension.class)
class AwsIotShadowBackendIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AwsIotShadowBackend aws(RunningCloud cloud) {
        return new AwsIotShadowBackend(IotDataPlaneClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(cloud.httpBase()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build(), Executors.newSingleThreadExecutor());
    }

    private static ObjectNode desired(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void writesDesiredReadsTheShadowAndReportsMissingShadowsAsEmpty(RunningCloud cloud) throws Exception {
        try (AwsIotShadowBackend backend = aws(cloud)) {
            assertThat(backend.get("aws-car-1").get(15, TimeUnit.SECONDS)).isEmpty();
            long version = backend.updateDesired("aws-car-1", desired("{\"trunk\":\"open\"}"), "token-1",
                    Optional.empty()).get(15, TimeUnit.SECONDS);
            assertThat(version).isEqualTo(1);
            ObjectNode shadow = backend.get("aws-car-1").get(15, TimeUnit.SECONDS).orElseThrow();
            assertThat(shadow.at("/state/desired/trunk").asText()).isEqualTo("open");
            assertThat(shadow.at("/state/delta/trunk").asText()).isEqualTo("open");
            assertThat(shadow.path("version").asLong()).isEqualTo(1);

            ObjectNode local = new LocalShadowBackend(cloud.service().shadowService()).get("aws-car-1")
                    .get(15, TimeUnit.SECONDS).orElseThrow();
            assertThat(local.path("state")).isEqualTo(shadow.path("state"));
        }
    }

    /**
     * The whole app command path with {@code vehicles.shadowBackend: aws}: the service reaches "AWS IoT Core" (here
     * its own HTTP data plane, on a port chosen before start) through the SDK's default credential chain.
     */
    @Test
    void appCommandsRunThroughTheAwsBackendWhenConfigured() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        int httpPort = port;
        try (RunningCloud cloud = RunningCloud.start(config -> config
                .withHttp(HttpConfig.loopback(httpPort))
                .withVehicles(VehiclesConfig.defaults().withAwsShadows("http://127.0.0.1:" + httpPort,
                        "eu-west-1")));
             ScriptedVehicle car = new ScriptedVehicle(cloud, "aws-car-3", (path, value) ->
                     new String[] {"SUCCEEDED", null})) {
            car.report("{\"trunk\":\"closed\"}");
            AppApiClient app = new AppApiClient(cloud.httpBase(), cloud.service().users().addUser("aws-owner",
                    User.Role.OWNER, List.of("aws-car-3"))).withPin("aws-owner", "2468");
            String id = app.command("aws-car-3", "trunk", "\"open\"").body().path("id").asText();
            assertThat(app.awaitCommand("aws-car-3", id, Duration.ofSeconds(15),
                    c -> c.path("status").asText().equals("SUCCEEDED")).path("status").asText())
                    .isEqualTo("SUCCEEDED");
            assertThat(app.get("/api/vehicles/aws-car-3").body().at("/shadow/state/reported/trunk").asText())
                    .isEqualTo("open");
        }
    }

    @Test
    void aStaleExpectedVersionFailsWith409LikeTheLocalBackend(RunningCloud cloud) throws Exception {
        try (AwsIotShadowBackend backend = aws(cloud)) {
            backend.updateDesired("aws-car-2", desired("{\"lock\":\"locked\"}"), "t", Optional.empty())
                    .get(15, TimeUnit.SECONDS);
            backend.updateDesired("aws-car-2", desired("{\"lock\":\"unlocked\"}"), "t", Optional.of(1L))
                    .get(15, TimeUnit.SECONDS);
            assertThatThrownBy(() -> backend.updateDesired("aws-car-2", desired("{\"lock\":null}"), "t",
                    Optional.of(1L)).get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ShadowBackendException.class)
                    .extracting(e -> ((ShadowBackendException) e).status()).isEqualTo(409);
            LocalShadowBackend local = new LocalShadowBackend(cloud.service().shadowService());
            assertThatThrownBy(() -> local.updateDesired("aws-car-2", desired("{\"lock\":null}"), "t",
                    Optional.of(1L)).get(15, TimeUnit.SECONDS))
                    .cause().isInstanceOf(ShadowBackendException.class)
                    .extracting(e -> ((ShadowBackendException) e).status()).isEqualTo(409);
        }
    }
}
