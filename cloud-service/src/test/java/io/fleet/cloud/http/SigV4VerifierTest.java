package io.fleet.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SigV4 checks against a request signed by a signer other than the AWS SDK's: curl 7.88's {@code --aws-sigv4},
 * captured on the wire, whose signature was also recomputed by hand from the algorithm in the AWS docs
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html).
 */
class SigV4VerifierTest {

    private static final Instant SIGNED_AT = Instant.parse("2026-11-27T05:45:52Z");
    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static Map<String, String> curlHeaders() {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Host", "127.0.0.1:18555");
        headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261127/eu-central-1/iotdata/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=d3ff89160062bd632d511e18d060edfca75d0e1757c42fb35795002b4ad43622");
        headers.put("X-Amz-Date", "20261127T054552Z");
        headers.put("User-Agent", "curl/7.88.1");
        headers.put("Accept", "*/*");
        headers.put("Content-Type", "application/json");
        headers.put("Content-Length", "7");
        return headers;
    }

    private static SigV4Verifier verifier(Instant now) {
        return new SigV4Verifier(Map.of("AKID", "SECRET"), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aRequestCurlSignedIsAccepted() {
        assertThat(verifier(SIGNED_AT.plusSeconds(3)).check("POST", "/things/x/shadow", "name=body",
                curlHeaders()::get, BODY)).isEmpty();
    }

    @Test
    void aChangedBodyPathQueryOrSignedHeaderNoLongerMatches() {
        SigV4Verifier verifier = verifier(SIGNED_AT);
        String mismatch = "The request signature we calculated does not match";
        assertThat(verifier.check("POST", "/things/x/shadow", "name=body", curlHeaders()::get,
                "{\"a\":2}".getBytes(StandardCharsets.UTF_8))).get(as_string()).startsWith(mismatch);
        assertThat(verifier.check("POST", "/things/y/shadow", "name=body", curlHeaders()::get, BODY))
                .get(as_string()).startsWith(mismatch);
        assertThat(verifier.check("POST", "/things/x/shadow", "name=other", curlHeaders()::get, BODY))
                .get(as_string()).startsWith(mismatch);
        Map<String, String> headers = curlHeaders();
        headers.put("Content-Type", "text/plain");
        assertThat(verifier.check("POST", "/things/x/shadow", "name=body", headers::get, BODY))
                .get(as_string()).startsWith(mismatch);
    }

    @Test
    void aRequestSignedMoreThanFifteenMinutesAwayIsExpired() {
        assertThat(verifier(SIGNED_AT.plus(Duration.ofMinutes(16))).check("POST", "/things/x/shadow", "name=body",
                curlHeaders()::get, BODY)).get(as_string()).startsWith("Signature expired: 20261127T054552Z");
        assertThat(verifier(SIGNED_AT.minus(Duration.ofMinutes(14))).check("POST", "/things/x/shadow",
                "name=body", curlHeaders()::get, BODY)).isEmpty();
    }

    @Test
    void missingOrMalformedAuthorizationSaysWhat() {
        SigV4Verifier verifier = verifier(SIGNED_AT);
        Map<String, String> headers = curlHeaders();
        headers.remove("Authorization");
        assertThat(verifier.check("GET", "/things/x/shadow", null, headers::get, new byte[0]))
                .contains("Missing Authentication Token");
        headers.put("Authorization", "Bearer abc");
        assertThat(verifier.check("GET", "/things/x/shadow", null, headers::get, new byte[0]))
                .contains("Authorization header must use AWS4-HMAC-SHA256");
        headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261127/eu-central-1, Signature=00");
        assertThat(verifier.check("GET", "/things/x/shadow", null, headers::get, new byte[0])).get(as_string())
                .startsWith("Authorization header requires Credential=");
    }

    @Test
    void theCredentialsFileTakesEveryProfileAndNamesTheLineOfAHalfKeyPair() throws IOException {
        Path good = Files.writeString(dir.resolve("credentials"), "[default]\naws_access_key_id = AKID\n"
                + "aws_secret_access_key = SECRET\n; comment\n[other]\naws_access_key_id=K2\n"
                + "aws_secret_access_key=S2\n");
        assertThat(SigV4Verifier.fromCredentialsFile(good, Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .check("POST", "/things/x/shadow", "name=body", curlHeaders()::get, BODY)).isEmpty();

        Path half = Files.writeString(dir.resolve("half"), "[default]\naws_access_key_id=A\naws_secret_access_key=B\n"
                + "\n[broken]\naws_access_key_id = K3\n");
        assertThatThrownBy(() -> SigV4Verifier.fromCredentialsFile(half, Clock.systemUTC()))
                .isInstanceOf(IOException.class).hasMessage(half + ":5: profile [broken] needs both "
                        + "aws_access_key_id and aws_secret_access_key");
        Path none = Files.writeString(dir.resolve("none"), "# nothing\n");
        assertThatThrownBy(() -> SigV4Verifier.fromCredentialsFile(none, Clock.systemUTC()))
                .isInstanceOf(IOException.class).hasMessageContaining("no profile with aws_access_key_id");
    }

    private static org.assertj.core.api.InstanceOfAssertFactory<String, org.assertj.core.api.AbstractStringAssert<?>>
            as_string() {
        return org.assertj.core.api.InstanceOfAssertFactories.STRING;
    }
}
