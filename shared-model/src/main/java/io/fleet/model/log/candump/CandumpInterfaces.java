package io.fleet.model.log.candump;

import io.fleet.model.Checks;
import io.fleet.model.log.internal.TextLine;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps candump interface names ({@code can0}, {@code vcan1}, {@code can_front}) to the 1-based channel numbers that
 * every other log format uses.
 *
 * <p>Names are numbered in order of first appearance (first seen = 1), not by their trailing digits: interface names
 * are arbitrary ({@code can_front}, {@code slcan-gw}), and two loggers' {@code can0} need not be the same bus. Callers
 * who know the wiring pass explicit numbers; unlisted names then continue after the highest given number.
 */
public final class CandumpInterfaces {

    private final Map<String, Integer> channelsByName = new LinkedHashMap<>();
    private int nextChannel = 1;
    // Logs have a handful of interfaces: scanning them in place saves a substring and a map lookup per line.
    private String[] knownNames = new String[8];
    private int[] knownChannels = new int[8];
    private int knownCount;

    public CandumpInterfaces(Map<String, Integer> fixedChannels) {
        fixedChannels.forEach((name, channel) -> {
            Checks.check(channel >= 1, "channel of " + name, "must be >= 1", channel);
            channelsByName.put(name, channel);
            nextChannel = Math.max(nextChannel, channel + 1);
        });
    }

    /** Channel for the interface name in {@code line[from, to)}, numbering a new name on first sight. */
    int channelOf(TextLine line, int from, int to) {
        int length = to - from;
        for (int i = 0; i < knownCount; i++) {
            String known = knownNames[i];
            if (known.length() == length && line.regionMatches(from, known)) {
                return knownChannels[i];
            }
        }
        String name = line.substring(from, to);
        Integer channel = channelsByName.get(name);
        if (channel == null) {
            channel = nextChannel++;
            channelsByName.put(name, channel);
        }
        if (knownCount == knownNames.length) {
            knownNames = Arrays.copyOf(knownNames, knownCount * 2);
            knownChannels = Arrays.copyOf(knownChannels, knownCount * 2);
        }
        knownNames[knownCount] = name;
        knownChannels[knownCount++] = channel;
        return channel;
    }

    /** Interface name to channel, in order of first appearance (given overrides first). */
    public Map<String, Integer> channelsByName() {
        return Collections.unmodifiableMap(channelsByName);
    }

    /** Channel to interface name, e.g. for {@link CandumpWriter} to write the names back. */
    public Map<Integer, String> namesByChannel() {
        Map<Integer, String> names = new LinkedHashMap<>();
        channelsByName.forEach((name, channel) -> names.putIfAbsent(channel, name));
        return Collections.unmodifiableMap(names);
    }
}
