package io.fleet.model.log;

import io.fleet.model.Checks;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * How a {@link LogReader} treats its input.
 *
 * @param lenient           skip malformed records (counted in {@link ReadStats#rejected()}) instead of throwing
 *                          {@link LogFormatException}
 * @param logTimeZone       zone of wall-clock times written without a zone: the ASC {@code date} header and the BLF
 *                          header's SYSTEMTIME are local time of the logging PC. UTC unless told otherwise, because
 *                          the reading machine's zone says nothing about the logging machine's.
 * @param interfaceChannels candump interface name to channel number overrides (e.g. {@code can0 -> 1}); names not
 *                          listed are numbered in order of first appearance after the highest listed number
 */
public record ReadOptions(boolean lenient, ZoneId logTimeZone, Map<String, Integer> interfaceChannels) {

    public ReadOptions {
        Checks.notNull(logTimeZone, "logTimeZone");
        interfaceChannels = Map.copyOf(Checks.notNull(interfaceChannels, "interfaceChannels"));
        interfaceChannels.forEach((name, channel) -> Checks.check(channel >= 1, "channel of " + name,
                "must be >= 1", channel));
    }

    /** Strict or lenient, log times in UTC, candump interfaces numbered as they appear. */
    public ReadOptions(boolean lenient) {
        this(lenient, ZoneOffset.UTC, Map.of());
    }

    /** Throw on the first malformed record; log times in UTC. */
    public static ReadOptions strict() {
        return new ReadOptions(false);
    }

    /** Skip and count malformed records; log times in UTC. */
    public static ReadOptions lenientMode() {
        return new ReadOptions(true);
    }

    public ReadOptions withLenient(boolean newLenient) {
        return new ReadOptions(newLenient, logTimeZone, interfaceChannels);
    }

    public ReadOptions withLogTimeZone(ZoneId zone) {
        return new ReadOptions(lenient, zone, interfaceChannels);
    }

    public ReadOptions withInterfaceChannels(Map<String, Integer> channels) {
        return new ReadOptions(lenient, logTimeZone, channels);
    }
}
