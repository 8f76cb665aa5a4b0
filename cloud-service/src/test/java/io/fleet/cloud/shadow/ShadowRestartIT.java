package io.fleet.cloud.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A restart of the service (graceful stop while requests are in flight, then start) keeps every acknowledged update.
 */
@ExtendWith(CloudServiceExtension.class)
class ShadowRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAcknowledgedUpdateSurvivesARestartDuringLoad(RunningCloud cloud) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int count = 300;
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            responses.add(http.sendAsync(HttpRequest.newBuilder(
                            URI.create(cloud.httpBase() + "/things/restart-car-" + i + "/shadow"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"state\":{\"reported\":{\"odometer\":" + i + "}}}"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        // Stop while those are in flight: the service finishes what it accepted before it goes.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                .until(() -> responses.stream().filter(CompletableFuture::isDone).count() >= 10);
        cloud.restart();

        List<Integer> acknowledged = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                if (responses.get(i).get(30, TimeUnit.SECONDS).statusCode() == 200) {
                    acknowledged.add(i);
                }
            } catch (Exception refusedDuringShutdown) {
                // a request the stopping service never accepted: the client sees the failure, nothing is promised
            }
        }
        assertThat(acknowledged).as("some updates were acknowledged before the stop").isNotEmpty();
        for (int i : acknowledged) {
            HttpResponse<String> shadow = http.send(HttpRequest.newBuilder(
                    URI.create(cloud.httpBase() + "/things/restart-car-" + i + "/shadow")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(shadow.statusCode()).as("shadow restart-car-%d after restart", i).isEqualTo(200);
            assertThat(JSON.readTree(shadow.body()).at("/state/reported/odometer").asInt()).isEqualTo(i);
        }
    }
}
