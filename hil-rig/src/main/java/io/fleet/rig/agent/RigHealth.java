package io.fleet.rig.agent;

import io.fleet.model.bus.CanFrame;
import io.fleet.rig.output.BusOutput;
import io.fleet.rig.output.BusOutputs;
import io.fleet.rig.output.OutputSpec;
import io.fleet.rig.replay.ReplayClock;
import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The rig's health check, run before it takes work: every output of its configuration ({@code NAME=URI} as
 * {@code replay --out}) opens, and is closed again at once; with a DUT probe, the first output sends the probe frame
 * and the DUT must answer (any frame received on that output) within the timeout.
 *
 * @param outputs      the rig's outputs, {@code NAME=URI} or a bare URI
 * @param probe        the frame to probe the DUT with, or null for no probe
 * @param probeTimeout how long the DUT has to answer the probe
 */
public record RigHealth(List<String> outputs, CanFrame probe, Duration probeTimeout) {

    public RigHealth {
        outputs = List.copyOf(outputs);
        if (probe != null && outputs.isEmpty()) {
            throw new IllegalArgumentException("--dut-probe needs an --output to send it on");
        }
    }

    /** Outputs only, no DUT probe. */
    public RigHealth(List<String> outputs) {
        this(outputs, null, Duration.ZERO);
    }

    /** A probe frame as candump writes one, {@code ID#DATA}: 3 hex digits a standard id, 8 an extended one. */
    public static CanFrame parseProbe(String text) {
        int hash = text.indexOf('#');
        String id = hash < 0 ? "" : text.substring(0, hash);
        String data = hash < 0 ? "" : text.substring(hash + 1);
        if ((id.length() != 3 && id.length() != 8) || data.length() % 2 != 0 || data.length() > 16) {
            throw new IllegalArgumentException("--dut-probe '" + text + "' must be ID#DATA like 7E0#0210030000000000 "
                    + "(3 or 8 hex digits of id, up to 8 data bytes)");
        }
        try {
            return CanFrame.classic(0, 0, Integer.parseUnsignedInt(id, 16), id.length() == 8,
                    HexFormat.of().parseHex(data));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--dut-probe '" + text + "': " + e.getMessage(), e);
        }
    }

    /** Null when healthy, else why not, naming the output or the probe. */
    public String check() {
        for (String output : outputs) {
            try (BusOutput opened = open(output)) {
                opened.name(); // opening was the check
            } catch (IOException | IllegalArgumentException e) {
                return "output " + output + " does not open: " + e.getMessage();
            }
        }
        return probe == null ? null : probeDut();
    }

    private String probeDut() {
        String output = outputs.get(0);
        try (BusOutput opened = open(output)) {
            if (!opened.canReceive()) {
                return "output " + output + " cannot receive the DUT's answer to the probe";
            }
            CompletableFuture<Void> answered = new CompletableFuture<>();
            opened.startReceiving((name, record, at) -> answered.complete(null), ReplayClock.system(), runnable -> {
                Thread thread = new Thread(runnable, "rig-health-probe");
                thread.setDaemon(true);
                return thread;
            });
            opened.send(probe);
            answered.get(probeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return String.format(Locale.ROOT, "the DUT did not answer the probe %X#%s within %d ms on output %s",
                    probe.id(), HexFormat.of().withUpperCase().formatHex(probe.data()), probeTimeout.toMillis(),
                    output);
        } catch (IOException | IllegalArgumentException | ExecutionException e) {
            return "the DUT probe on output " + output + " failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the DUT probe was interrupted";
        }
    }

    private static BusOutput open(String output) throws IOException {
        int equals = output.indexOf('=');
        String name = equals > 0 ? output.substring(0, equals) : "out";
        return BusOutputs.open(OutputSpec.parse(equals > 0 ? output.substring(equals + 1) : output, name));
    }
}
