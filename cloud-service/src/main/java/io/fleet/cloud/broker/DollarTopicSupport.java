package io.fleet.cloud.broker;

import com.hivemq.configuration.service.InternalConfigurations;

/**
 * Lets clients PUBLISH to topics that start with {@code $}, which AWS IoT's {@code $aws/things/...} topics need.
 *
 * <p>HiveMQ CE disconnects such publishers by default and has no config.xml key for it, only the internal,
 * unsupported static {@code InternalConfigurations.MQTT_ALLOW_DOLLAR_TOPICS} (an {@code AtomicBoolean} in 2025.5),
 * which must be set before the broker starts. This is the one place that touches it, so a HiveMQ upgrade that
 * renames or retypes it breaks compilation here and {@code DollarTopicSupportIT} rather than silently
 * disconnecting every device.
 *
 * <p>The flag is JVM-global: every embedded HiveMQ in this process then accepts {@code $} topics.
 */
final class DollarTopicSupport {

    private DollarTopicSupport() {
    }

    /** Must run before {@code EmbeddedHiveMQ.start()}; HiveMQ reads the flag when it builds its pipeline. */
    static void enable() {
        InternalConfigurations.MQTT_ALLOW_DOLLAR_TOPICS.set(true);
    }

    static boolean isEnabled() {
        return InternalConfigurations.MQTT_ALLOW_DOLLAR_TOPICS.get();
    }
}
