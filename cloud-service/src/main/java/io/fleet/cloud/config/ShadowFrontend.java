package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.fleet.model.ConfigChoice;

/** How shadow requests reach the service; YAML key {@code mqtt.shadowFrontend}. */
public enum ShadowFrontend implements ConfigChoice {
    /** Taken straight off the embedded HiveMQ and answered through it (default with the embedded broker). */
    IN_BROKER,
    /** The service's MQTT client on the shared subscriptions (the only choice with an external broker). */
    CLIENT;

    @JsonCreator
    public static ShadowFrontend parse(String word) {
        return ConfigChoice.parse(ShadowFrontend.class, "mqtt.shadowFrontend", word);
    }
}
