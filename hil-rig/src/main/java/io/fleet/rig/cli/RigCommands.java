package io.fleet.rig.cli;

import io.fleet.rig.replay.ReplayWatcher;
import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code hil-rig} command tree. */
@Command(name = "hil-rig", mixinStandardHelpOptions = true, version = "hil-rig 0.1.0-SNAPSHOT",
        description = "HiL rig controller: replay drive logs into a device under test, capture, report KPIs.")
public final class RigCommands implements Runnable {

    private record Subcommand(String name, Supplier<Object> command) {
    }

    /** In the order the usage lists them. */
    private static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand("replay", ReplayCommand::new), new Subcommand("info", InfoCommand::new),
            new Subcommand("convert", ConvertCommand::new), new Subcommand("cache", CacheCommand::new),
            new Subcommand("bench", BenchCommand::new), new Subcommand("agent", AgentCommand::new));

    @Spec
    CommandSpec spec;

    /**
     * Runs one command line as {@code hil-rig} does and returns its exit code: the plain form of {@code convert}
     * directly (see {@link ConvertCommand#runPlainForm}), everything else through picocli.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        OptionalInt plain = ConvertCommand.runPlainForm(args, out, err);
        if (plain.isPresent()) {
            out.flush();
            err.flush();
            return plain.getAsInt();
        }
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** This software's version, as {@code --version} prints it: {@code hil-rig 0.1.0-SNAPSHOT}. */
    public static String version() {
        return RigCommands.class.getAnnotation(Command.class).version()[0];
    }

    /**
     * Runs a {@code replay} command line as {@link #execute} does, with {@code watcher} watching the replay (the rig
     * agent reports its progress and stops it when the job is cancelled).
     */
    public static int replay(String[] args, PrintWriter out, PrintWriter err, ReplayWatcher watcher) {
        if (args.length == 0 || !args[0].equals("replay")) {
            throw new IllegalArgumentException("not a replay command line: " + String.join(" ", args));
        }
        ReplayCommand replay = new ReplayCommand();
        replay.watcher = watcher;
        CommandLine cli = new CommandLine(new RigCommands()).addSubcommand("replay", replay);
        cli.setExecutionExceptionHandler(new CommandFailures());
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /**
     * A command line whose bad arguments print a one-line reason and the usage, exit code 2, and whose failures print
     * one line naming what failed and why ({@link CommandFailures}).
     */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for these arguments: when the first names a subcommand, only that one is built. picocli
     * reflects over every option of every subcommand it is given, which is a good part of a short command's
     * start-up (a {@code convert} need not pay for {@code replay}'s 40 options); anything else gets them all.
     */
    public static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new RigCommands());
        String first = args.length > 0 ? args[0] : "";
        boolean named = SUBCOMMANDS.stream().anyMatch(subcommand -> subcommand.name().equals(first));
        for (Subcommand subcommand : SUBCOMMANDS) {
            if (!named || subcommand.name().equals(first)) {
                cli.addSubcommand(subcommand.name(), subcommand.command().get());
            }
        }
        cli.setExecutionExceptionHandler(new CommandFailures());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
