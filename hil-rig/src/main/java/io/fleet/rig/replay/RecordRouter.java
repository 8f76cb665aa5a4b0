package io.fleet.rig.replay;

import io.fleet.model.bus.BusRecord;
import io.fleet.rig.output.BusOutput;
import java.util.List;

/**
 * Picks the output index for a record by the channel map; -1 when the record has nowhere to go. Used only by the
 * reader thread.
 */
final class RecordRouter {

    private final List<BusOutput> outputs;
    private final ChannelMap map;

    RecordRouter(List<BusOutput> outputs, ChannelMap map) {
        this.outputs = outputs;
        this.map = map;
        for (String name : map.outputByChannel().values()) {
            if (outputs.stream().noneMatch(o -> o.name().equals(name))) {
                throw new IllegalArgumentException("--map names output '" + name + "' but the outputs are "
                        + outputs.stream().map(BusOutput::name).toList());
            }
        }
    }

    int route(BusRecord record) {
        if (map.isDefault()) {
            for (int i = 0; i < outputs.size(); i++) {
                if (outputs.get(i).accepts(record)) {
                    return i;
                }
            }
            return -1;
        }
        String name = map.outputFor(record.channel()).orElse(null);
        if (name == null) {
            return -1;
        }
        for (int i = 0; i < outputs.size(); i++) {
            BusOutput output = outputs.get(i);
            if (output.name().equals(name)) {
                return output.accepts(record) ? i : -1;
            }
        }
        return -1;
    }
}
