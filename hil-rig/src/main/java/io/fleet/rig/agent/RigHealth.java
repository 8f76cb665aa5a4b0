package io.fleet.rig.agent;

import io.fleet.rig.output.BusOutput;
import io.fleet.rig.output.BusOutputs;
import io.fleet.rig.output.OutputSpec;
import java.io.IOException;
import java.util.List;

/**
 * The rig's health check, run before it takes work: every output of its configuration ({@code NAME=URI} as
 * {@code replay --out}) opens, and is closed again at once.
 *
 * @param outputs the rig's outputs, {@code NAME=URI} or a bare URI
 */
public record RigHealth(List<String> outputs) {

    public RigHealth {
        outputs = List.copyOf(outputs);
    }

    /** Null when healthy, else why not, naming the output. */
    public String check() {
        for (String output : outputs) {
            int equals = output.indexOf('=');
            String name = equals > 0 ? output.substring(0, equals) : "out";
            String uri = equals > 0 ? output.substring(equals + 1) : output;
            try (BusOutput opened = BusOutputs.open(OutputSpec.parse(uri, name))) {
                opened.name(); // opening was the check
            } catch (IOException | IllegalArgumentException e) {
                return "output " + name + "=" + uri + " does not open: " + e.getMessage();
            }
        }
        return null;
    }
}
