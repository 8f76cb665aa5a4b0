package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.fleet.model.ConfigChoice;

/** Where the embedded broker keeps sessions and queued messages; YAML key {@code mqtt.brokerPersistence}. */
public enum BrokerPersistence implements ConfigChoice {
    /** Lost on a broker restart; clients subscribe again (the default, cheaper). */
    IN_MEMORY,
    /** Sessions, subscriptions and queued QoS 1 messages survive a broker restart. */
    FILE;

    @JsonCreator
    public static BrokerPersistence parse(String word) {
        return ConfigChoice.parse(BrokerPersistence.class, "mqtt.brokerPersistence", word);
    }
}
