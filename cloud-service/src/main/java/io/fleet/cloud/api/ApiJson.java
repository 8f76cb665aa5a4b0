package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.users.IssuedToken;
import io.fleet.cloud.users.User;
import io.fleet.cloud.vehicles.VehicleCommand;
import io.fleet.cloud.vehicles.VehicleEvent;
import io.fleet.cloud.vehicles.VehicleView;
import io.fleet.model.shadow.ExactJson;
import java.time.Instant;

/** The app API's JSON shapes, as openapi.yaml describes them. */
final class ApiJson {

    static final ObjectMapper JSON = ExactJson.newMapper();

    private ApiJson() {
    }

    static ObjectNode user(User user) {
        ObjectNode node = JSON.createObjectNode().put("name", user.name()).put("role", user.role().name());
        user.vehicles().forEach(node.putArray("vehicles")::add);
        node.put("defaultVehicle", user.defaultVehicle().orElse(null));
        return node;
    }

    static ObjectNode vehicle(VehicleView view) {
        ObjectNode node = JSON.createObjectNode().put("vin", view.vehicle()).put("online", view.online());
        node.put("lastSeen", view.lastSeen().orElse(null));
        node.set("shadow", view.shadow().orElse(null));
        node.set("agent", view.agent().orElse(null));
        return node;
    }

    static ObjectNode command(VehicleCommand command) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", command.id().toString())
                .put("vin", command.vehicle())
                .put("attribute", command.attribute());
        node.set("value", JSON.valueToTree(command.value()));
        node.put("status", command.status().name())
                .put("reason", command.reason())
                .put("desiredVersion", command.desiredVersion())
                .put("source", command.source())
                .put("user", command.user())
                .put("createdAt", command.createdAt())
                .put("updatedAt", command.updatedAt())
                .put("expiresAt", command.expiresAt());
        return node;
    }

    /** A token as listed: never its secret. Times are epoch milliseconds; expiresAt null = never. */
    static ObjectNode token(IssuedToken token, Instant now) {
        ObjectNode node = JSON.createObjectNode().put("id", token.id())
                .put("createdAt", token.created().toEpochMilli());
        node.put("expiresAt", token.expires().map(Instant::toEpochMilli).orElse(null));
        return node.put("expired", token.expiredAt(now));
    }

    /** A token just issued: the only answer that carries its secret. */
    static ObjectNode issued(String user, IssuedToken.WithSecret issued) {
        ObjectNode node = JSON.createObjectNode().put("name", user).put("token", issued.secret())
                .put("tokenId", issued.token().id());
        node.put("expiresAt", issued.token().expires().map(Instant::toEpochMilli).orElse(null));
        return node;
    }

    /** The SSE event name and data of a vehicle event. */
    static String[] event(VehicleEvent event) {
        if (event instanceof VehicleEvent.ShadowChanged shadow) {
            ObjectNode data = JSON.createObjectNode().put("vehicle", shadow.vehicle()).put("version", shadow.version());
            data.set("state", shadow.state());
            data.set("metadata", shadow.metadata());
            return new String[] {"shadow", data.toString()};
        }
        if (event instanceof VehicleEvent.PresenceChanged presence) {
            return new String[] {"presence", JSON.createObjectNode().put("vehicle", presence.vehicle())
                    .put("online", presence.online()).put("at", presence.at()).toString()};
        }
        VehicleEvent.CommandChanged changed = (VehicleEvent.CommandChanged) event;
        return new String[] {"command", command(changed.command()).toString()};
    }
}
