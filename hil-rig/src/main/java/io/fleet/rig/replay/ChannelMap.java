package io.fleet.rig.replay;

import io.fleet.model.Checks;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which output a recorded channel is replayed on ({@code 1=A}: channel 1 goes to output A). An empty map means
 * "every record to the first output that accepts its kind"; with a non-empty map, unmapped channels are dropped
 * and counted.
 */
public record ChannelMap(Map<Integer, String> outputByChannel) {

    public static final ChannelMap DEFAULT = new ChannelMap(Map.of());

    public ChannelMap {
        outputByChannel = Map.copyOf(Checks.notNull(outputByChannel, "outputByChannel"));
    }

    /** Parses {@code 1=A,2=B} (several specs may be given). */
    public static ChannelMap parse(Iterable<String> specs) {
        Map<Integer, String> map = new TreeMap<>();
        for (String spec : specs) {
            for (String part : spec.split(",")) {
                String p = part.trim();
                int eq = p.indexOf('=');
                Checks.check(eq > 0 && eq < p.length() - 1, "--map", "must look like CHANNEL=OUTPUT", p);
                map.put(Integer.parseInt(p.substring(0, eq).trim()), p.substring(eq + 1).trim());
            }
        }
        return new ChannelMap(map);
    }

    public boolean isDefault() {
        return outputByChannel.isEmpty();
    }

    public Optional<String> outputFor(int channel) {
        return Optional.ofNullable(outputByChannel.get(channel));
    }
}
