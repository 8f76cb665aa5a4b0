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
import java.time.Duration;
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
        return builder(cloud, journals, thing, identity).build();
    }

    /**
     * A simulated car's agent on {@code cloud} with short actuation times, 5 s command timeout, quick reconnects
     * and telemetry every 100 ms, for a test to change before {@link AgentConfig.Builder#build()}.
     */
    public static AgentConfig.Builder builder(RunningCloud cloud, Path journals, String thing,
                                              CertificateAndKey identity) {
        return AgentConfig.builder().thing(thing).endpoint(cloud.mqttHost(), cloud.mqttPort())
                .tls(identity.certificate(), identity.privateKey(), cloud.certificates().caCertificate())
                .journalDir(journals.resolve(thing)).adapter(AgentConfig.Adapter.SIMULATED)
                .travel(Duration.ofMillis(30), Duration.ofMillis(20)).commandTimeout(Duration.ofSeconds(5))
                .reconnectDelay(Duration.ofMillis(100), Duration.ofSeconds(1)).failingPaths(List.of())
                .telemetryInterval(Duration.ofMillis(100));
    }

    /** A simulated car with short actuation times. */
    public static SimulatedVehicle simulatedCar(VehicleState initial) {
        return new SimulatedVehicle(initial, SimulationSettings.fast());
    }
}
