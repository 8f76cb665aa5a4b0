package io.fleet.rig.replay;

import io.fleet.model.Checks;
import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * Which CAN frames to replay: when includes are given, an id must fall into one of them; an id in any exclude range
 * is dropped. Ethernet datagrams have no CAN id and always pass.
 */
public record IdFilter(List<IdRange> includes, List<IdRange> excludes) {

    public static final IdFilter ALL = new IdFilter(List.of(), List.of());

    public IdFilter {
        includes = List.copyOf(Checks.notNull(includes, "includes"));
        excludes = List.copyOf(Checks.notNull(excludes, "excludes"));
    }

    /** Parses {@code 0x100-0x1FF,0x7E0,!0x7DF}: a leading {@code !} excludes. */
    public static IdFilter parse(List<String> specs) {
        List<IdRange> in = new ArrayList<>();
        List<IdRange> out = new ArrayList<>();
        for (String spec : specs) {
            for (String part : spec.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                if (p.startsWith("!")) {
                    out.add(IdRange.parse(p.substring(1)));
                } else {
                    in.add(IdRange.parse(p));
                }
            }
        }
        return new IdFilter(in, out);
    }

    public boolean accepts(BusRecord record) {
        if (!(record instanceof CanFrame frame)) {
            return true;
        }
        int id = frame.id();
        for (IdRange range : excludes) {
            if (range.contains(id)) {
                return false;
            }
        }
        if (includes.isEmpty()) {
            return true;
        }
        for (IdRange range : includes) {
            if (range.contains(id)) {
                return true;
            }
        }
        return false;
    }
}
