package io.fleet.rig.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code hil-rig} command tree. */
@Command(name = "hil-rig", mixinStandardHelpOptions = true, version = "hil-rig 0.1.0-SNAPSHOT",
        description = "HiL rig controller: replay drive logs into a device under test, capture, report KPIs.",
        subcommands = {ReplayCommand.class, InfoCommand.class, ConvertCommand.class, CacheCommand.class,
                BenchCommand.class})
public final class RigCommands implements Runnable {

    @Spec
    CommandSpec spec;

    /** A command line whose bad arguments print a one-line reason and the usage, exit code 2. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RigCommands());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
                commandLine.getErr().println(commandLine.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
