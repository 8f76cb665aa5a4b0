package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;

/**
 * A minimal car for cloud-side tests, speaking the shadow protocol over MQTT with its own certificate: it answers
 * each delta leaf as {@code decide} says, reporting the new value (if SUCCEEDED) and {@code lastCommand} the way
 * the real agent does. The real agent's end-to-end tests live in device-agent.
 */
public final class ScriptedVehicle implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Given a leaf path and desired value, the status and reason to report, e.g. {"REJECTED", "moving"}. */
    private final BiFunction<String, JsonNode, String[]> decide;
    private final boolean receipts;
    private final AwsDeviceClient device;
    private final String thing;
    private final Thread loop;

    /** A car like an agent from before receipts: it reports only each command's outcome. */
    public ScriptedVehicle(RunningCloud cloud, String thing, BiFunction<String, JsonNode, String[]> decide)
            throws Exception {
        this(cloud, thing, false, decide);
    }

    /**
     * @param receipts whether the car first reports receipt ({@code lastCommand} IN_PROGRESS) before {@code decide}
     *                 is asked, as the agent does since acknowledged delivery; {@code decide} may block to hold the
     *                 outcome back
     */
    public ScriptedVehicle(RunningCloud cloud, String thing, boolean receipts,
                           BiFunction<String, JsonNode, String[]> decide) throws Exception {
        this.thing = thing;
        this.decide = decide;
        this.receipts = receipts;
        this.device = cloud.device(thing);
        device.subscribe("$aws/things/" + thing + "/shadow/update/delta");
        this.loop = new Thread(this::run, "scripted-" + thing);
        loop.setDaemon(true);
        loop.start();
    }

    /** A decision that holds each outcome back until {@code release} is counted down (at most 20 s), then succeeds. */
    public static BiFunction<String, JsonNode, String[]> succeedingOnceReleased(CountDownLatch release) {
        return (path, value) -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new String[] {"SUCCEEDED", null};
        };
    }

    public void report(String reportedJson) {
        device.publish("$aws/things/" + thing + "/shadow/update", "{\"state\":{\"reported\":" + reportedJson + "}}")
                .join();
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                PublishPacket message = device.nextMessage(Duration.ofMillis(200));
                if (message != null) {
                    JsonNode delta = JSON.readTree(new String(message.getPayload(), StandardCharsets.UTF_8));
                    answer(delta.path("version").asLong(), "", delta.path("state"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void answer(long version, String prefix, JsonNode state) {
        Iterator<Map.Entry<String, JsonNode>> fields = state.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix + field.getKey();
            if (path.equals("commandExpiry")) {
                continue; // travels with the commands, is none itself
            }
            if (field.getValue().isObject()) {
                answer(version, path + ".", field.getValue());
                continue;
            }
            if (receipts) {
                report(lastCommand(JSON.createObjectNode(), path, field.getValue(), version, "IN_PROGRESS", null)
                        .toString());
            }
            String[] outcome = decide.apply(path, field.getValue());
            ObjectNode reported = JSON.createObjectNode();
            if (outcome[0].equals("SUCCEEDED")) {
                ObjectNode leaf = reported;
                String[] parts = path.split("\\.");
                for (int i = 0; i < parts.length - 1; i++) {
                    leaf = leaf.putObject(parts[i]);
                }
                leaf.set(parts[parts.length - 1], field.getValue());
            }
            report(lastCommand(reported, path, field.getValue(), version, outcome[0], outcome[1]).toString());
        }
    }

    private static ObjectNode lastCommand(ObjectNode reported, String path, JsonNode value, long version,
                                          String status, String reason) {
        ObjectNode last = reported.putObject("lastCommand").put("attribute", path);
        last.set("value", value);
        last.put("desiredVersion", version).put("status", status).put("reason", reason)
                .put("at", System.currentTimeMillis() / 1000);
        return reported;
    }

    @Override
    public void close() {
        loop.interrupt();
        device.close();
    }
}
