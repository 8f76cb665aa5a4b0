package io.fleet.model.shadow;

import java.util.Optional;

/**
 * The request and response topics below a shadow's topic prefix
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-mqtt.html).
 */
public enum ShadowTopic {
    GET("/get"),
    GET_ACCEPTED("/get/accepted"),
    GET_REJECTED("/get/rejected"),
    UPDATE("/update"),
    UPDATE_ACCEPTED("/update/accepted"),
    UPDATE_REJECTED("/update/rejected"),
    UPDATE_DELTA("/update/delta"),
    UPDATE_DOCUMENTS("/update/documents"),
    DELETE("/delete"),
    DELETE_ACCEPTED("/delete/accepted"),
    DELETE_REJECTED("/delete/rejected");

    private final String suffix;

    ShadowTopic(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** True for the three topics clients publish to; the others are published by the shadow service. */
    public boolean isRequest() {
        return this == GET || this == UPDATE || this == DELETE;
    }

    /** The topic that accepts a request published on this topic, or empty for a response topic. */
    public Optional<ShadowTopic> accepted() {
        return switch (this) {
            case GET -> Optional.of(GET_ACCEPTED);
            case UPDATE -> Optional.of(UPDATE_ACCEPTED);
            case DELETE -> Optional.of(DELETE_ACCEPTED);
            default -> Optional.empty();
        };
    }

    /** The topic that rejects a request published on this topic, or empty for a response topic. */
    public Optional<ShadowTopic> rejected() {
        return switch (this) {
            case GET -> Optional.of(GET_REJECTED);
            case UPDATE -> Optional.of(UPDATE_REJECTED);
            case DELETE -> Optional.of(DELETE_REJECTED);
            default -> Optional.empty();
        };
    }
}
