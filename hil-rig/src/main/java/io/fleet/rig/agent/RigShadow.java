package io.fleet.rig.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.rig.cli.RigCommands;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;

/**
 * Keeps the rig's classic shadow {@code reported.rig} of the rig/dispatcher contract (issue 13): {@code health},
 * {@code reason} (removed when healthy), {@code softwareVersion}, {@code capabilities} and {@code busy}, published to
 * {@code $aws/things/<thing>/shadow/update} at QoS 1.
 */
public final class RigShadow {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mqtt5Client mqtt;
    private final String thing;
    private final Set<String> capabilities;

    public RigShadow(Mqtt5Client mqtt, String thing, Set<String> capabilities) {
        this.mqtt = mqtt;
        this.thing = thing;
        this.capabilities = Set.copyOf(capabilities);
    }

    /** Reports the rig's state; the future completes once the broker has the update (PUBACK). */
    public CompletableFuture<?> report(String unhealthyReason, boolean busy) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode rig = root.putObject("state").putObject("reported").putObject("rig");
        rig.put("health", unhealthyReason == null ? "healthy" : "unhealthy");
        if (unhealthyReason == null) {
            rig.putNull("reason"); // a shadow null deletes the reason of an earlier unhealthy report
        } else {
            rig.put("reason", unhealthyReason);
        }
        rig.put("softwareVersion", RigCommands.version());
        capabilities.stream().sorted().forEach(rig.putArray("capabilities")::add);
        rig.put("busy", busy);
        try {
            return mqtt.publish(new PublishPacket.PublishPacketBuilder("$aws/things/" + thing + "/shadow/update",
                    QOS.AT_LEAST_ONCE, JSON.writeValueAsBytes(root)).build());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
