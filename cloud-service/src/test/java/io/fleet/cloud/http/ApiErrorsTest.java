package io.fleet.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fleet.cloud.users.InvalidUserException;
import io.fleet.cloud.users.NoSuchUserException;
import io.fleet.cloud.vehicles.InvalidCommandException;
import io.fleet.cloud.vehicles.ShadowBackendException;
import io.fleet.cloud.vehicles.VehicleNotFoundException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The one mapping of exceptions to the JSON surfaces' errors, and the JSON those errors are sent as. */
class ApiErrorsTest {

    private static final String REQUEST = "GET /api/test";

    @Test
    void exceptionsThatSayWhatTheCallerGotWrongKeepTheirMessage() {
        assertThat(ApiErrors.from(new VehicleNotFoundException("no vehicle x"), REQUEST))
                .isEqualTo(ApiError.notFound("no vehicle x"));
        assertThat(ApiErrors.from(new NoSuchUserException("carol"), REQUEST))
                .isEqualTo(ApiError.notFound("no user named carol"));
        assertThat(ApiErrors.from(new InvalidCommandException("trunk must be one of open, closed"), REQUEST))
                .isEqualTo(ApiError.badRequest("trunk must be one of open, closed"));
        assertThat(ApiErrors.from(new InvalidUserException("user carol already exists"), REQUEST))
                .isEqualTo(ApiError.badRequest("user carol already exists"));
        ApiError thrown = ApiError.throttled("slow down", 3);
        assertThat(ApiErrors.from(new ApiException(thrown), REQUEST)).isSameAs(thrown);
    }

    @Test
    void aFutureFailureIsMappedByWhatTheWorkThrewHoweverDeeplyWrapped() {
        Throwable wrapped = new CompletionException(new ExecutionException(new VehicleNotFoundException("gone")));
        assertThat(ApiErrors.from(wrapped, REQUEST)).isEqualTo(ApiError.notFound("gone"));
    }

    @Test
    void aBusyShadowIsThrottledAndAnyOtherBackendFailureIsInternal() {
        assertThat(ApiErrors.from(new ShadowBackendException(429, "Rate exceeded"), REQUEST).type())
                .isEqualTo(ApiErrorType.THROTTLED);
        assertThat(ApiErrors.from(new ShadowBackendException(500, "broken"), REQUEST).type())
                .isEqualTo(ApiErrorType.INTERNAL_ERROR);
    }

    @Test
    void anUnexpectedExceptionIs500WithoutItsMessage() {
        ApiError error = ApiErrors.from(new IllegalArgumentException(
                "No enum constant io.fleet.cloud.users.User.Role.SUPERUSER"), REQUEST);
        assertThat(error)
                .isEqualTo(ApiError.of(ApiErrorType.INTERNAL_ERROR, "the request failed; see the service log"));
        assertThat(ApiErrors.from(new CompletionException(new NullPointerException("x")), REQUEST).status())
                .isEqualTo(500);
    }

    @Test
    void anErrorIsSentInTheShapeClientsRead() {
        assertThat(ApiError.badRequest("limit must be a whole number from 1 to 500").toJson()).isEqualTo(
                "{\"code\":400,\"error\":\"BadRequest\",\"message\":\"limit must be a whole number from 1 to 500\"}");
        ApiError throttled = ApiError.throttled("retry in 2 s", 2);
        assertThat(throttled.toJson()).isEqualTo("{\"code\":429,\"error\":\"Throttled\",\"message\":\"retry in 2 s\"}");
        assertThat(throttled.retryAfterSeconds()).isEqualTo(OptionalLong.of(2));
        assertThat(ApiError.of(ApiErrorType.SERVICE_UNAVAILABLE, "a \"quoted\" word").toJson())
                .isEqualTo("{\"code\":503,\"error\":\"ServiceUnavailable\",\"message\":\"a \\\"quoted\\\" word\"}");
    }

    @Test
    void aStatusTheFrameworkFailedWithFindsItsType() {
        assertThat(ApiErrorType.forStatus(413)).isEqualTo(ApiErrorType.PAYLOAD_TOO_LARGE);
        assertThat(ApiErrorType.forStatus(400)).isEqualTo(ApiErrorType.BAD_REQUEST);
        assertThat(ApiErrorType.forStatus(500)).isEqualTo(ApiErrorType.INTERNAL_ERROR);
        assertThat(ApiErrorType.forStatus(405)).as("a 4xx without a type of its own")
                .isEqualTo(ApiErrorType.BAD_REQUEST);
        assertThat(ApiErrorType.forStatus(502)).isEqualTo(ApiErrorType.INTERNAL_ERROR);
    }

    @Test
    void openApiListsEveryCodeAndNoOther() throws Exception {
        JsonNode spec;
        try (InputStream in = ApiErrorsTest.class.getResourceAsStream("/api/openapi.yaml")) {
            spec = new YAMLMapper().readTree(in);
        }
        List<String> listed = new ArrayList<>();
        spec.at("/components/schemas/ErrorCode/enum").forEach(code -> listed.add(code.asText()));
        assertThat(listed).containsExactlyElementsOf(Arrays.stream(ApiErrorType.values()).map(ApiErrorType::code)
                .toList());
    }
}
