package io.fleet.rig.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.rig.agent.JobDocument.InvalidJobDocument;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobDocumentTest {

    private static JobDocument parse(String json) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> document = new ObjectMapper().readValue(json, Map.class);
        return JobDocument.parse(document);
    }

    private static void assertInvalid(String json, String field, String reason) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(InvalidJobDocument.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith(field + ": ").contains(reason);
        });
    }

    @Test
    void aFullDocumentIsReadWithItsDefaults() throws Exception {
        JobDocument job = parse("""
                {"driveLog":"s3://drive-logs/runs/a.log","sha256":"%s","outputs":{"A":"udp://127.0.0.1:9","B":\
                "loopback://b"},"expect":"lateness.p99<=100ms","speed":2.5,"capabilities":["can","CANFD"]}"""
                .formatted("ab".repeat(32)));
        assertThat(job.driveLog()).isEqualTo("s3://drive-logs/runs/a.log");
        assertThat(job.bucket()).isEqualTo("drive-logs");
        assertThat(job.outputs()).containsExactly(Map.entry("A", "udp://127.0.0.1:9"), Map.entry("B", "loopback://b"));
        assertThat(job.speed()).isEqualTo(2.5);
        assertThat(job.capabilities()).containsExactly("can", "canfd");
        assertThat(job.missingCapabilities(Set.of("can"))).isEqualTo(List.of("canfd"));

        JobDocument minimal = parse("{\"driveLog\":\"s3://logs/x.log\",\"outputs\":{\"A\":\"loopback://a\"}}");
        assertThat(minimal.speed()).isEqualTo(1.0);
        assertThat(minimal.sha256()).isNull();
        assertThat(minimal.expect()).isNull();
        assertThat(minimal.missingCapabilities(Set.of())).isEmpty();
        assertThat(minimal.part()).isEqualTo(new JobDocument.Part(0, null));
        assertThat(minimal.matches()).isEmpty();
        assertThat(minimal.capture()).isFalse();
        assertThat(minimal.resultsPrefix("job-9")).isEqualTo("results/job-9/");
        assertThat(minimal.campaign()).isNull();
        assertThat(minimal.run()).isNull();
    }

    @Test
    void theContractsOptionalFieldsAreRead() throws Exception {
        JobDocument job = parse("""
                {"driveLog":"s3://logs/x.log","outputs":{"A":"cannelloni://127.0.0.1:20000"},"seek":12.5,\
                "window":30,"match":"0x7E0->0x7E8, 0x7DF->0x7E8","capture":true,"resultsPrefix":"results/c1/r2/",\
                "campaign":"c1","run":"r2","expect":"response.p99<=20ms"}""");
        assertThat(job.part()).isEqualTo(new JobDocument.Part(12.5, 30.0));
        assertThat(job.matches()).containsExactly("0x7E0->0x7E8", "0x7DF->0x7E8");
        assertThat(job.capture()).isTrue();
        assertThat(job.resultsPrefix("ignored")).isEqualTo("results/c1/r2/");
        assertThat(job.campaign()).isEqualTo("c1");
        assertThat(job.run()).isEqualTo("r2");
        assertThat(parse("{\"driveLog\":\"s3://logs/x\",\"outputs\":{\"A\":\"loopback://a\"},"
                + "\"match\":[\"0x7E0->0x7E8\"]}").matches()).containsExactly("0x7E0->0x7E8");
    }

    @Test
    void eachBadOptionalFieldIsNamedWithTheReason() {
        String base = "{\"driveLog\":\"s3://logs/a\",\"outputs\":{\"A\":\"loopback://a\"},";
        assertInvalid(base + "\"seek\":-1}", "seek", "at least 0");
        assertInvalid(base + "\"seek\":\"10s\"}", "seek", "at least 0");
        assertInvalid(base + "\"window\":0}", "window", "above 0");
        assertInvalid(base + "\"match\":\"0x7E0\"}", "match", "REQUEST_ID->RESPONSE_ID");
        assertInvalid(base + "\"match\":[1]}", "match", "0x7E0->0x7E8");
        assertInvalid(base + "\"capture\":\"yes\"}", "capture", "true or false");
        assertInvalid(base + "\"resultsPrefix\":\"results/x\"}", "resultsPrefix", "ending in /");
        assertInvalid(base + "\"resultsPrefix\":\"/results/\"}", "resultsPrefix", "no leading /");
        assertInvalid(base + "\"campaign\":7}", "campaign", "non-empty string");
        assertInvalid(base + "\"expect\":\"response.p99<=20ms\"}", "expect", "");
    }

    @Test
    void eachBadFieldIsNamedWithTheReason() {
        String outputs = "\"outputs\":{\"A\":\"loopback://a\"}";
        assertInvalid("{" + outputs + "}", "driveLog", "missing");
        assertInvalid("{\"driveLog\":\"/tmp/a.log\"," + outputs + "}", "driveLog", "must be s3://bucket/key");
        assertInvalid("{\"driveLog\":\"s3://logs/a\"}", "outputs", "missing");
        assertInvalid("{\"driveLog\":\"s3://logs/a\",\"outputs\":{}}", "outputs", "non-empty object");
        assertInvalid("{\"driveLog\":\"s3://logs/a\",\"outputs\":{\"A\":\"ftp://x\"}}", "outputs.A", "");
        assertInvalid("{\"driveLog\":\"s3://logs/a\"," + outputs + ",\"sha256\":\"xyz\"}", "sha256", "64");
        assertInvalid("{\"driveLog\":\"s3://logs/a\"," + outputs + ",\"speed\":0}", "speed", "above 0");
        assertInvalid("{\"driveLog\":\"s3://logs/a\"," + outputs + ",\"speed\":\"fast\"}", "speed", "above 0");
        assertInvalid("{\"driveLog\":\"s3://logs/a\"," + outputs + ",\"expect\":\"nonsense<=\"}", "expect", "");
        assertInvalid("{\"driveLog\":\"s3://logs/a\"," + outputs + ",\"capabilities\":\"can\"}", "capabilities",
                "array");
        assertInvalid("{\"driveLog\":\"s3://logs/a\"," + outputs + ",\"spead\":2}", "spead", "unknown field");
        assertThatThrownBy(() -> JobDocument.parse(null)).isInstanceOf(InvalidJobDocument.class)
                .hasMessage("document: missing");
    }
}
