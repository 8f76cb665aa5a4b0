package io.fleet.cloud.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.users.AdminApi;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./fleet ingest status} and {@code ./fleet ingest reprocess --vehicle V}: the drive-log ingest queue of a
 * running service, asked through its app API as its admin ({@link AdminApi}, as {@code ./fleet user} does);
 * {@code ./fleet ingest worker}: ingest workers in a process of their own ({@link IngestWorkerCommand}).
 */
@Command(name = "ingest", description = "The drive-log ingest queue of a running service.",
        subcommands = {IngestCommand.Status.class, IngestCommand.Reprocess.class, IngestWorkerCommand.class},
        mixinStandardHelpOptions = true)
public final class IngestCommand implements Runnable {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Drive logs pending, ingested and failed, and the last errors.")
    static final class Status implements Callable<Integer> {

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private AdminApi service;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            AdminApi.Answer answer = service.call("GET", "/api/ingest/status", null, 200,
                    spec.commandLine().getErr());
            if (!answer.ok()) {
                return answer.exitCode();
            }
            JsonNode status = AdminApi.JSON.readTree(answer.body());
            for (Map.Entry<String, JsonNode> count : status.path("counts").properties()) {
                out.printf(Locale.ROOT, "%-9s %d%n", count.getKey(), count.getValue().asLong());
            }
            JsonNode errors = status.path("lastErrors");
            out.println(errors.isEmpty() ? "no failed drive logs" : "last errors:");
            for (JsonNode failed : errors) {
                out.printf(Locale.ROOT, "  #%d %s (%s): %s%n", failed.path("id").asLong(), failed.path("key").asText(),
                        failed.path("at").asText("-"), failed.path("error").asText());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "reprocess", mixinStandardHelpOptions = true,
            description = "Read a vehicle's drive logs again with the DBCs in the bucket now.")
    static final class Reprocess implements Callable<Integer> {

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private AdminApi service;

        @Option(names = "--vehicle", required = true, description = "the vehicle whose drive logs are read again")
        private String vehicle;

        @Override
        public Integer call() throws Exception {
            AdminApi.Answer answer = service.call("POST", "/api/drive-logs/reprocess", "{\"vehicle\":"
                    + AdminApi.quote(vehicle) + "}", 202, spec.commandLine().getErr());
            if (!answer.ok()) {
                return answer.exitCode();
            }
            JsonNode ids = AdminApi.JSON.readTree(answer.body()).path("reprocessing");
            spec.commandLine().getOut().println(ids.isEmpty() ? "no drive logs of " + vehicle
                    : ids.size() + " drive log(s) of " + vehicle + " queued again: " + ids);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
