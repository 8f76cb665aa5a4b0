package io.fleet.agent.e2e;

import io.fleet.agent.AgentConfig;
import io.fleet.agent.ecu.SimulatedVehicle;
import io.fleet.agent.ecu.SimulationSettings;
import io.fleet.agent.sync.DeviceAgent;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.CertificateAndKey;
import io.fleet.model.vehicle.VehicleState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** What the browser tests share: a parked simulated car's agent on the test cloud, and test-id selectors. */
final class SimulatedCars {

    private SimulatedCars() {
    }

    /** The agent of a parked car that actuates at once, with its certificate from the cloud's test CA. */
    static DeviceAgent start(RunningCloud cloud, String car, Path journals) throws Exception {
        CertificateAndKey identity = cloud.certificates().thing(car);
        AgentConfig config = new AgentConfig(car, cloud.mqttHost(), cloud.mqttPort(), identity.certificate(),
                identity.privateKey(), cloud.certificates().caCertificate(), journals.resolve(car), "simulated",
                30L, 20L, 5000L, 100L, 1000L, List.of(), 100L, null, null, 200L).validated();
        return DeviceAgent.start(config, new SimulatedVehicle(VehicleState.parked(), SimulationSettings.fast()),
                Clock.systemUTC());
    }

    static String testId(String id) {
        return "[data-testid='" + id + "']";
    }

    /** A JavaScript condition: the element with this test id is not hidden. */
    static String visible(String testId) {
        return "!document.querySelector(\"" + testId(testId) + "\").hidden";
    }
}
