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
