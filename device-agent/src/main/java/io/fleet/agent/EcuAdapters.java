package io.fleet.agent;

import io.fleet.agent.ecu.EcuAdapter;
import io.fleet.agent.ecu.SimulatedVehicle;
import io.fleet.agent.ecu.can.BodyControllerDbc;
import io.fleet.agent.ecu.can.CanEcuAdapter;
import io.fleet.agent.ecu.can.CanSignalMap;
import io.fleet.agent.ecu.can.CanTransport;
import io.fleet.agent.ecu.can.CannelloniCanTransport;
import io.fleet.agent.ecu.can.SocketCanTransport;
import io.fleet.model.can.dbc.DbcDatabase;
import io.fleet.model.vehicle.VehicleState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/** The ECU adapter a validated config asks for: the simulated vehicle, or the CAN body controller. */
final class EcuAdapters {

    /**
     * The adapter repeats a command a little longer than the agent waits for it, so the agent reports TIMED_OUT
     * for a silent ECU (its own timeout) and the repetition stops soon after.
     */
    private static final Duration CAN_CONFIRM_MARGIN = Duration.ofSeconds(1);

    private EcuAdapters() {
    }

    /**
     * Opens the adapter; {@code initial} is the state last known (the journal's), used until the vehicle reports.
     *
     * @throws IOException when the DBC cannot be read or the CAN socket cannot be opened, with the OS detail
     */
    static EcuAdapter open(AgentConfig config, VehicleState initial, Clock clock) throws IOException {
        if (config.adapter() != AgentConfig.Adapter.CAN) {
            return new SimulatedVehicle(initial, config.simulation());
        }
        CanConfig can = config.can();
        DbcDatabase dbc = BodyControllerDbc.load(can.dbc());
        CanSignalMap map = CanSignalMap.bodyController().checkedAgainst(dbc);
        CanTransport transport = can.transport() == CanConfig.Transport.SOCKETCAN
                ? SocketCanTransport.open(can.interfaceName(), daemon("can-rx-" + can.interfaceName()))
                : CannelloniCanTransport.open(new InetSocketAddress(can.localPort()), can.gatewayAddress(),
                        daemon("can-rx-cannelloni"));
        return new CanEcuAdapter(dbc, map, transport, initial, clock,
                config.timing().commandTimeout().plus(CAN_CONFIRM_MARGIN), daemon("can-ecu"));
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
