package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.config.IngestConfig;
import io.fleet.cloud.config.QueryConfig;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code ingest.query.maxRows} and {@code maxSeconds} configure what {@code POST /api/query} answers. */
class QueryLimitsIT {

    @Test
    void theRowAndTimeLimitsOfPostApiQueryComeFromTheConfiguration() throws Exception {
        IngestConfig ingest = IngestConfig.defaults()
                .withQuery(new QueryConfig(3, Duration.ofSeconds(1)));
        try (RunningCloud cloud = RunningCloud.start(c -> c.withIngest(ingest))) {
            AppApiClient admin = new AppApiClient(cloud.httpBase(),
                    Files.readString(cloud.service().tokenFiles().file("admin")).strip());

            JsonNode few = admin.post("/api/query", "{\"sql\":\"SELECT * FROM range(10)\"}").body();
            assertThat(few.get("rows").toString()).isEqualTo("[[0],[1],[2]]");
            assertThat(few.get("truncated").asBoolean()).isTrue();

            AppApiClient.Reply slow = admin.post("/api/query",
                    "{\"sql\":\"SELECT sum(hash(range)) FROM range(1000000000000)\"}");
            assertThat(slow.status()).isEqualTo(400);
            assertThat(slow.body().get("message").asText()).contains("1 s");
        }
    }
}
