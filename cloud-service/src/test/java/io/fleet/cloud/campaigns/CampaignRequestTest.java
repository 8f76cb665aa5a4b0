package io.fleet.cloud.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.http.ApiErrorType;
import io.fleet.cloud.http.ApiException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CampaignRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CampaignRequest parse(String json) throws Exception {
        return CampaignRequest.parse(JSON.readTree(json));
    }

    private static String refusal(String json) {
        try {
            parse(json);
        } catch (ApiException e) {
            assertThat(e.error().type()).isEqualTo(ApiErrorType.BAD_REQUEST);
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void aCampaignOfExplicitRunsIsRead() throws Exception {
        CampaignRequest request = parse("""
                {"name": "nightly", "runs": [{"driveLogId": 4},
                  {"driveLog": "s3://logs/raw/v1/a.mf4", "sha256": "%s",
                   "window": {"from": "2026-01-01T10:00:00Z", "to": "2026-01-01T10:01:00Z"}}],
                 "requirements": {"capabilities": ["can", "canfd", "can"]}, "outputs": {"A": "cannelloni://h:1"},
                 "expect": {"0x7E8": "answer"}, "capture": true, "priority": 5, "retries": 2}"""
                .formatted("a".repeat(64)));

        assertThat(request.name()).isEqualTo("nightly");
        assertThat(request.capabilities()).containsExactly("can", "canfd");
        assertThat(request.priority()).isEqualTo(5);
        assertThat(request.capture()).isTrue();
        assertThat(request.retries()).isEqualTo(2);
        assertThat(request.runs()).hasSize(2);
        assertThat(request.runs().get(0).driveLogId()).contains(4L);
        assertThat(request.runs().get(1).from()).contains(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(request.scenarios()).isEmpty();
        assertThat(request.expect().toString()).contains("0x7E8");
    }

    @Test
    void aCatalogQueryIsRead() throws Exception {
        CampaignRequest request = parse("""
                {"name": "brakes", "scenarios": {"type": "hard-braking", "vehicle": "v1"},
                 "outputs": {"A": "cannelloni://h:1"}}""");

        assertThat(request.scenarios()).contains(new CampaignRequest.ScenarioQuery("hard-braking",
                Optional.of("v1"), Optional.empty(), Optional.empty()));
        assertThat(request.retries()).isZero();
    }

    @Test
    void everyBadFieldIsNamedInOneAnswer() {
        String message = refusal("""
                {"runs": [{"driveLog": "http://x/y", "sha256": "ABC",
                           "window": {"from": "yesterday", "to": "2026-01-01T10:00:00Z"}},
                          {"driveLogId": 1, "driveLog": "s3://logs/a.mf4"}, 7],
                 "requirements": {"capabilities": ["flexray"]}, "outputs": {"A": 5},
                 "capture": "yes", "priority": 1.5, "retries": -1}""");

        assertThat(message).contains("name: required", "runs[0].driveLog: must be s3://<bucket>/<key>",
                "runs[0].sha256: must be 64 lower-case hex digits", "runs[0].window.from: must be an ISO-8601",
                "runs[1].driveLogId: give either driveLogId or driveLog (s3://...), not both",
                "runs[2]: must be an object", "requirements.capabilities[0]: must be one of [can, canfd, ethernet]",
                "outputs.A: must be an output address string", "capture: must be true or false, got \"yes\"",
                "priority: must be a whole number",
                "retries: must be a whole number from 0 to 100");
    }

    @Test
    void runsAndScenariosExcludeEachOtherAndOutputsAreRequired() {
        assertThat(refusal("{\"name\": \"x\"}")).contains("runs: give either runs", "none given",
                "outputs: required");
        assertThat(refusal("{\"name\": \"x\", \"runs\": [], \"scenarios\": {}, \"outputs\": {\"A\": \"c://h:1\"}}"))
                .contains("not both");
        assertThat(refusal("{\"name\": \"x\", \"scenarios\": {\"type\": \"nap\"}, \"outputs\": {\"A\": \"c\"}}"))
                .contains("scenarios.type: must be one of");
        assertThat(refusal("[1]")).contains("the body must be a JSON object");
    }
}
