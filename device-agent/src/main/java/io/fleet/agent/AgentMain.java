package io.fleet.agent;

import io.fleet.agent.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of device-agent: {@code device-agent run --config agent.yaml [flags]}; {@code device-agent body-ecu}
 * simulates a CAN body controller for {@code adapter: can} on a machine without a car; {@code device-agent simulate
 * --vehicles N} runs a fleet of simulated vehicles in one JVM.
 */
@Command(name = "device-agent", mixinStandardHelpOptions = true, version = "0.1.0-SNAPSHOT",
        description = "TCU device agent: keeps the vehicle's AWS IoT shadow in sync and executes remote commands.",
        subcommands = {RunCommand.class, BodyEcuCommand.class, SimulateCommand.class})
public final class AgentMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
