package io.fleet.agent;

import io.fleet.agent.ecu.EcuAdapter;
import io.fleet.agent.ecu.SimulatedVehicle;
import io.fleet.agent.ecu.SimulationSettings;
import io.fleet.agent.sync.DeviceAgent;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.CertificateAndKey;
import io.fleet.model.vehicle.VehicleState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Real agents for integration tests: configured for a running test cloud, with fast reconnects. */
public final class TestAgents {

    private TestAgents() {
    }

    /** An agent for {@code thing} with its own certificate, journal under {@code journals}. */
    public static DeviceAgent start(RunningCloud cloud, Path journals, String thing, EcuAdapter ecu) throws Exception {
        return DeviceAgent.start(config(cloud, journals, thing, cloud.certificates().thing(thing)), ecu,
                Clock.systemUTC());
    }

    public static AgentConfig config(RunningCloud cloud, Path journals, String thing, CertificateAndKey identity) {
        return new AgentConfig(thing, cloud.mqttHost(), cloud.mqttPort(), identity.certificate(),
                identity.privateKey(), cloud.certificates().caCertificate(), journals.resolve(thing), "simulated",
                30L, 20L, 5000L, 100L, 1000L, List.of(), 100L, null, null, null).validated();
    }

    /** A simulated car with short actuation times. */
    public static SimulatedVehicle simulatedCar(VehicleState initial) {
        return new SimulatedVehicle(initial, SimulationSettings.fast());
    }
}
