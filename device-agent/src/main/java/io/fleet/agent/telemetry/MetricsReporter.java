package io.fleet.agent.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports the agent's counters every {@code interval}: a JSON message to {@code vehicles/<thing>/metrics} (QoS 1,
 * only while connected: the counters are cumulative, so a skipped message loses nothing) and, for a stand-alone
 * agent, one structured log line. Ticks run on the agent's scheduler.
 */
public final class MetricsReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsReporter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final Supplier<Map<String, Object>> counters;
    private final TelemetrySink sink;
    private final BooleanSupplier connected;
    private final Clock clock;
    private final boolean log;
    private final ScheduledFuture<?> ticks;

    /**
     * @param counters  the current counters (read on the scheduler thread)
     * @param log       also write each snapshot to the log (off in a simulated fleet of hundreds)
     */
    public MetricsReporter(String thing, Supplier<Map<String, Object>> counters, TelemetrySink sink,
                           BooleanSupplier connected, Clock clock, Duration interval, boolean log,
                           ScheduledExecutorService scheduler) {
        this.topic = "vehicles/" + thing + "/metrics";
        this.counters = counters;
        this.sink = sink;
        this.connected = connected;
        this.clock = clock;
        this.log = log;
        this.ticks = interval.isZero() ? null : scheduler.scheduleAtFixedRate(this::report, interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String topic() {
        return topic;
    }

    /** One snapshot now: logged, and published when connected. */
    public void report() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("ts", clock.millis());
        message.putAll(counters.get());
        if (log) {
            LOG.info("metrics {}", message);
        }
        if (!connected.getAsBoolean()) {
            return;
        }
        try {
            sink.publish(topic, JSON.writeValueAsBytes(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics of plain values must serialize", e);
        }
    }

    @Override
    public void close() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }
}
