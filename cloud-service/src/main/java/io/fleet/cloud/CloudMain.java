package io.fleet.cloud;

import io.fleet.cloud.alexa.AlexaCommand;
import io.fleet.cloud.campaigns.CampaignCommand;
import io.fleet.cloud.ingest.IngestCommand;
import io.fleet.cloud.users.UserCommand;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the cloud service's command line ({@code ./fleet cloud ...}). */
@Command(name = "cloud-service", mixinStandardHelpOptions = true, version = "0.1.0-SNAPSHOT",
        description = "Connected-vehicle cloud service: MQTT broker, Device Shadow service, app API, console.",
        subcommands = {ServeCommand.class, UserCommand.class, AlexaCommand.class, IngestCommand.class,
                CampaignCommand.class, CommandLine.HelpCommand.class})
public final class CloudMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CloudMain()).setExecutionExceptionHandler(CloudMain::report).execute(args));
    }

    /**
     * An I/O failure (a port in use, a database that does not start, a missing file) is the user's to fix: one line
     * that names it. Anything else is a bug and keeps its stack trace.
     */
    private static int report(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (!(e instanceof IOException)) {
            throw e;
        }
        command.getErr().println(command.getCommandName() + ": " + e.getMessage());
        return 1;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
