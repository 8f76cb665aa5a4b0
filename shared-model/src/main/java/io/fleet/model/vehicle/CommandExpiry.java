package io.fleet.model.vehicle;

import java.util.Map;

/**
 * How a command's expiry travels with its desired value: the same shadow update that writes {@code desired.<path>}
 * writes {@code desired.commandExpiry.<path>} = the seconds the command may wait. Both leaves then carry the same
 * metadata timestamp, so the agent knows the expiry belongs to this value (a later write of the value alone has a
 * newer timestamp) and when it runs out: timestamp + seconds, judged by the agent's own clock.
 */
public final class CommandExpiry {

    /** The desired key under which expiries are written; never reported, never a command itself. */
    public static final String KEY = "commandExpiry";

    private CommandExpiry() {
    }

    /**
     * The epoch second after which the desired value at {@code path} must not be executed, or -1 when it carries no
     * expiry. {@code desired} and {@code metadata} are the nested desired (or delta) state and its metadata.
     */
    public static long deadline(Map<String, ?> desired, Map<String, ?> metadata, String path) {
        Object seconds = VehicleAttributes.leaf(desired, KEY + "." + path);
        long expiryWritten = timestamp(metadata, KEY + "." + path);
        long valueWritten = timestamp(metadata, path);
        if (!(seconds instanceof Number) || expiryWritten == 0 || expiryWritten != valueWritten) {
            return -1;
        }
        return valueWritten + ((Number) seconds).longValue();
    }

    /** Epoch seconds when the desired leaf at {@code path} was last set, or 0 when the metadata lacks it. */
    public static long timestamp(Map<String, ?> metadata, String path) {
        Object node = VehicleAttributes.leaf(metadata, path);
        if (node instanceof Map && ((Map<?, ?>) node).get("timestamp") instanceof Number) {
            return ((Number) ((Map<?, ?>) node).get("timestamp")).longValue();
        }
        return 0;
    }
}
