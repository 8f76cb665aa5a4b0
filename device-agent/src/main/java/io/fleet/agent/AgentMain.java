package io.fleet.agent;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of device-agent. */
@Command(name = "device-agent", mixinStandardHelpOptions = true, version = "0.1.0-SNAPSHOT",
        description = "device-agent")
public final class AgentMain implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
