package io.fleet.rig;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of hil-rig. */
@Command(name = "hil-rig", mixinStandardHelpOptions = true, version = "0.1.0-SNAPSHOT",
        description = "hil-rig")
public final class RigMain implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new RigMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
