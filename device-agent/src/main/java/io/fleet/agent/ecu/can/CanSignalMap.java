package io.fleet.agent.ecu.can;

import static io.fleet.agent.ecu.can.ValueMapping.labels;

import io.fleet.model.can.dbc.DbcDatabase;
import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.vehicle.VehicleAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which DBC signals carry which shadow leaves, as data: one {@link SignalBinding} per leaf and one
 * {@link CommandAck} per command message. {@link #bodyController()} is the table for the bundled
 * {@code dbc/body-controller.dbc}; another body controller needs another table, not other code.
 */
public record CanSignalMap(List<SignalBinding> bindings, List<CommandAck> acks) {

    private static final ValueMapping.Numeric WHOLE = new ValueMapping.Numeric(ValueMapping.Rounding.WHOLE);

    public CanSignalMap {
        bindings = List.copyOf(bindings);
        acks = List.copyOf(acks);
    }

    /** The table for the bundled body-controller DBC. */
    public static CanSignalMap bodyController() {
        List<SignalBinding> b = new ArrayList<>();
        for (String door : VehicleAttributes.DOORS) {
            String suffix = door.toUpperCase(Locale.ROOT);
            b.add(SignalBinding.commanded("doors." + door, "TCU_BodyCommand.DoorCmd_" + suffix,
                    labels("open", "Open", "closed", "Close"), "BCM_BodyStatus.DoorState_" + suffix,
                    labels("open", "Open", "closed", "Closed")));
            b.add(SignalBinding.commanded("windows." + door, "TCU_WindowCommand.WindowPosCmd_" + suffix, WHOLE,
                    "BCM_WindowStatus.WindowPos_" + suffix, WHOLE));
        }
        b.add(SignalBinding.commanded("lock", "TCU_BodyCommand.LockCmd", labels("locked", "Lock", "unlocked",
                "Unlock"), "BCM_BodyStatus.LockState", labels("locked", "Locked", "unlocked", "Unlocked")));
        b.add(SignalBinding.commanded("trunk", "TCU_BodyCommand.TrunkCmd", labels("open", "Open", "closed", "Close"),
                "BCM_BodyStatus.TrunkState", labels("open", "Open", "closed", "Closed")));
        ValueMapping lights = labels("on", "On", "off", "Off", "auto", "Auto");
        b.add(SignalBinding.commanded("headlights", "TCU_BodyCommand.HeadlightCmd", lights,
                "BCM_BodyStatus.HeadlightState", lights));
        ValueMapping onOff = labels(true, "On", false, "Off");
        b.add(SignalBinding.commanded("climate.on", "TCU_BodyCommand.ClimateCmd", onOff,
                "BCM_BodyStatus.ClimateState", onOff));
        ValueMapping celsius = new ValueMapping.Numeric(ValueMapping.Rounding.EXACT);
        b.add(SignalBinding.commanded("climate.target", "TCU_BodyCommand.ClimateTargetTempCmd", celsius,
                "BCM_BodyStatus.ClimateTargetTemp", celsius));
        b.add(SignalBinding.momentary("horn_flash", "TCU_BodyCommand.HornFlashCmd",
                new ValueMapping.Constant("Trigger")));
        b.add(SignalBinding.reported("ignition", "BCM_BodyStatus.IgnitionState",
                labels("off", "Off", "accessory", "Accessory", "on", "On", "start", "Start")));
        b.add(SignalBinding.reported("speed", "BCM_VehicleStatus.VehicleSpeed",
                new ValueMapping.Numeric(ValueMapping.Rounding.MAGNITUDE_UP)));
        b.add(SignalBinding.reported("odometer", "BCM_VehicleStatus.Odometer",
                new ValueMapping.Numeric(ValueMapping.Rounding.TENTHS)));
        b.add(SignalBinding.reported("fuel", "BCM_VehicleStatus.FuelLevel", WHOLE));
        List<CommandAck> acks = List.of(
                new CommandAck("TCU_BodyCommand", "BodyCmd_Counter", 16, "BCM_BodyStatus", "BodyCmd_AckCounter",
                        "BodyCmd_Result", "Accepted", "SNA"),
                new CommandAck("TCU_WindowCommand", "WindowCmd_Counter", 16, "BCM_WindowStatus",
                        "WindowCmd_AckCounter", "WindowCmd_Result", "Accepted", "SNA"));
        return new CanSignalMap(b, acks);
    }

    public Optional<SignalBinding> binding(String path) {
        return bindings.stream().filter(b -> b.path().equals(path)).findFirst();
    }

    public Optional<CommandAck> ackFor(String commandMessage) {
        return acks.stream().filter(a -> a.commandMessage().equals(commandMessage)).findFirst();
    }

    /**
     * Checks that every message and signal the map names exists in {@code db}, so a wrong DBC fails at start with
     * the binding named instead of at the first command.
     *
     * @throws IllegalArgumentException naming the first missing message or signal
     */
    public CanSignalMap checkedAgainst(DbcDatabase db) {
        for (SignalBinding binding : bindings) {
            binding.commandSignal().ifPresent(ref -> require(db, ref.message(), ref.signal(), binding.path()));
            binding.statusSignal().ifPresent(ref -> require(db, ref.message(), ref.signal(), binding.path()));
        }
        for (CommandAck ack : acks) {
            String what = "acknowledgement of " + ack.commandMessage();
            require(db, ack.commandMessage(), ack.counterSignal(), what);
            require(db, ack.ackMessage(), ack.ackCounterSignal(), what);
            require(db, ack.ackMessage(), ack.resultSignal(), what);
        }
        return this;
    }

    private static void require(DbcDatabase db, String message, String signal, String usedBy) {
        DbcMessage found = db.message(message).orElseThrow(() -> new IllegalArgumentException(db.source()
                + " has no message " + message + " (needed for " + usedBy + ")"));
        if (found.signal(signal).isEmpty()) {
            throw new IllegalArgumentException(db.source() + ": message " + message + " has no signal " + signal
                    + " (needed for " + usedBy + ")");
        }
    }
}
