package io.fleet.cloud.config;

import java.time.Duration;

/** The conversions and checks the sections share. */
final class YamlValues {
    private YamlValues() {
    }

    static Duration seconds(Integer yamlValue, int otherwise) {
        return Duration.ofSeconds(yamlValue != null ? yamlValue : otherwise);
    }

    static Duration millis(Integer yamlValue, int otherwise) {
        return Duration.ofMillis(yamlValue != null ? yamlValue : otherwise);
    }

    static void atLeast(String key, Duration value, Duration least) {
        if (value.compareTo(least) < 0) {
            throw new IllegalArgumentException(key + " must be at least " + least.toSeconds() + ", got "
                    + value.toSeconds());
        }
    }
}
