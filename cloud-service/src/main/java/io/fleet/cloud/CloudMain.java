package io.fleet.cloud;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of cloud-service. */
@Command(name = "cloud-service", mixinStandardHelpOptions = true, version = "0.1.0-SNAPSHOT",
        description = "cloud-service")
public final class CloudMain implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new CloudMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
