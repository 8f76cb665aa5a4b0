package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Objects;

/**
 * The app API's vehicles and commands.
 *
 * @param shadowBackend         {@code local} (this service's shadows, default) or {@code aws} (AWS IoT Core's
 *                              data plane through the AWS SDK; then also point {@code mqtt} at AWS IoT Core)
 * @param awsEndpoint           data-plane endpoint override, e.g. https://xxxx-ats.iot.eu-west-1.amazonaws.com
 * @param awsRegion             region for the AWS SDK (default: the SDK's region chain)
 * @param commandTimeout   a received command without an outcome becomes TIMED_OUT after this, and a command
 *                         submitted without {@code expiresInSeconds} expires after it (YAML
 *                         {@code commandTimeoutSeconds}, default 120); either way its desired value is withdrawn
 * @param maxCommandExpiry the longest {@code expiresInSeconds} a command may ask for (YAML
 *                         {@code maxCommandExpirySeconds}, default 86400)
 */
public record VehiclesConfig(ShadowBackendKind shadowBackend, String awsEndpoint, String awsRegion,
                             Duration commandTimeout, Duration maxCommandExpiry) {
    public VehiclesConfig {
        Objects.requireNonNull(shadowBackend, "vehicles.shadowBackend");
        YamlValues.atLeast("vehicles.commandTimeoutSeconds", commandTimeout, Duration.ofSeconds(1));
        YamlValues.atLeast("vehicles.maxCommandExpirySeconds", maxCommandExpiry, Duration.ofSeconds(1));
    }

    @JsonCreator
    static VehiclesConfig fromYaml(@JsonProperty("shadowBackend") ShadowBackendKind shadowBackend,
                                   @JsonProperty("awsEndpoint") String awsEndpoint,
                                   @JsonProperty("awsRegion") String awsRegion,
                                   @JsonProperty("commandTimeoutSeconds") Integer commandTimeoutSeconds,
                                   @JsonProperty("maxCommandExpirySeconds") Integer maxCommandExpirySeconds) {
        return new VehiclesConfig(shadowBackend != null ? shadowBackend : ShadowBackendKind.LOCAL, awsEndpoint,
                awsRegion, YamlValues.seconds(commandTimeoutSeconds, 120),
                YamlValues.seconds(maxCommandExpirySeconds, 86_400));
    }

    /** This service's own shadows; commands time out after 2 minutes and may ask for at most a day. */
    public static VehiclesConfig defaults() {
        return fromYaml(null, null, null, null, null);
    }

    /** AWS IoT Core's data plane at {@code endpoint} (null: the SDK's) in {@code region}. */
    public VehiclesConfig withAwsShadows(String endpoint, String region) {
        return new VehiclesConfig(ShadowBackendKind.AWS, endpoint, region, commandTimeout, maxCommandExpiry);
    }

    public VehiclesConfig withCommandTimeout(Duration timeout) {
        return new VehiclesConfig(shadowBackend, awsEndpoint, awsRegion, timeout, maxCommandExpiry);
    }

    public VehiclesConfig withMaxCommandExpiry(Duration longest) {
        return new VehiclesConfig(shadowBackend, awsEndpoint, awsRegion, commandTimeout, longest);
    }
}
