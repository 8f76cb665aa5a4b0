package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.fleet.model.ConfigChoice;

/** Whose shadows the app API's commands write; YAML key {@code vehicles.shadowBackend}. */
public enum ShadowBackendKind implements ConfigChoice {
    /** This service's own shadows (the default). */
    LOCAL,
    /** AWS IoT Core's data plane through the AWS SDK; then {@code mqtt} points at AWS IoT Core too. */
    AWS;

    @JsonCreator
    public static ShadowBackendKind parse(String word) {
        return ConfigChoice.parse(ShadowBackendKind.class, "vehicles.shadowBackend", word);
    }
}
