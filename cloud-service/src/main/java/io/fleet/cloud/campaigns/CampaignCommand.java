package io.fleet.cloud.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.users.AdminApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./fleet campaign create|list|show|cancel|rigs}: test campaigns and the rig pool of a running service,
 * through its app API as its admin ({@link AdminApi}, as {@code ./fleet ingest} does).
 */
@Command(name = "campaign", description = "Test campaigns and the rig pool of a running service.",
        subcommands = {CampaignCommand.Create.class, CampaignCommand.ListCampaigns.class, CampaignCommand.Show.class,
                CampaignCommand.Cancel.class, CampaignCommand.Rigs.class}, mixinStandardHelpOptions = true)
public final class CampaignCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Calls the API and prints what {@code print} makes of the answer; the exit code of the call otherwise. */
    private static int ask(CommandSpec spec, AdminApi service, String method, String path, String body, int status,
                            Printer print) throws IOException, InterruptedException {
        AdminApi.Answer answer = service.call(method, path, body, status, spec.commandLine().getErr());
        if (!answer.ok()) {
            return answer.exitCode();
        }
        PrintWriter out = spec.commandLine().getOut();
        print.print(AdminApi.JSON.readTree(answer.body()), out);
        out.flush();
        return 0;
    }

    private interface Printer {
        void print(JsonNode answer, PrintWriter out);
    }

    private static void printCampaign(JsonNode campaign, PrintWriter out) {
        StringBuilder counts = new StringBuilder();
        for (Map.Entry<String, JsonNode> count : campaign.path("counts").properties()) {
            counts.append(' ').append(count.getKey()).append('=').append(count.getValue().asInt());
        }
        out.printf(Locale.ROOT, "#%d %-8s %s (priority %d)%s%n", campaign.path("id").asLong(),
                campaign.path("status").asText(), campaign.path("name").asText(), campaign.path("priority").asInt(),
                counts);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a campaign from a JSON file (the body of POST /api/campaigns; - for stdin).")
    static final class Create implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private AdminApi service;
        @Parameters(index = "0", paramLabel = "FILE", description = "the campaign as JSON, - for stdin")
        private String file;

        @Override
        public Integer call() throws Exception {
            String body;
            if (file.equals("-")) {
                InputStream in = System.in;
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } else {
                body = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            }
            return ask(spec, service, "POST", "/api/campaigns", body, 201, (campaign, out) -> {
                printCampaign(campaign, out);
                out.printf(Locale.ROOT, "%d run(s) queued; ./fleet campaign show %d%n",
                        campaign.path("runs").size(), campaign.path("id").asLong());
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The campaigns, newest first: all of them, or a page with --limit.")
    static final class ListCampaigns implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private AdminApi service;
        @Option(names = "--limit", paramLabel = "N", description = "at most N campaigns (1-500)")
        private Integer limit;
        @Option(names = "--next-token", paramLabel = "TOKEN", description = "the page after the one that printed it")
        private String nextToken;

        @Override
        public Integer call() throws Exception {
            StringBuilder query = new StringBuilder();
            if (limit != null) {
                query.append("&limit=").append(limit);
            }
            if (nextToken != null) {
                query.append("&nextToken=").append(URLEncoder.encode(nextToken, StandardCharsets.UTF_8));
            }
            String path = "/api/campaigns" + (query.isEmpty() ? "" : "?" + query.substring(1));
            return ask(spec, service, "GET", path, null, 200, (answer, out) -> {
                answer.path("campaigns").forEach(campaign -> printCampaign(campaign, out));
                if (answer.path("campaigns").isEmpty()) {
                    out.println("no campaigns");
                }
                if (answer.hasNonNull("nextToken")) {
                    out.printf(Locale.ROOT, "%d campaign(s) in all; more: ./fleet campaign list --limit %d "
                            + "--next-token %s%n", answer.path("total").asLong(), limit,
                            answer.path("nextToken").asText());
                }
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A campaign's runs: state, rig, attempt, verdict, results or reason.")
    static final class Show implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private AdminApi service;
        @Parameters(index = "0", paramLabel = "ID")
        private long id;

        @Override
        public Integer call() throws Exception {
            return ask(spec, service, "GET", "/api/campaigns/" + id, null, 200, (campaign, out) -> {
                printCampaign(campaign, out);
                for (JsonNode run : campaign.path("runs")) {
                    out.printf(Locale.ROOT, "  run %d %-8s rig=%s attempt=%d verdict=%s %s %s%n",
                            run.path("id").asLong(), run.path("state").asText(), run.path("rig").asText("-"),
                            run.path("attempt").asInt(), run.path("verdict").asText("-"),
                            run.path("driveLog").path("url").asText(),
                            run.hasNonNull("results") ? run.path("results").asText()
                                    : run.path("reason").asText(""));
                }
            });
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a campaign: its open runs end CANCELED, their jobs are cancelled.")
    static final class Cancel implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private AdminApi service;
        @Parameters(index = "0", paramLabel = "ID")
        private long id;

        @Override
        public Integer call() throws Exception {
            return ask(spec, service, "POST", "/api/campaigns/" + id + "/cancel", "", 200,
                    CampaignCommand::printCampaign);
        }
    }

    @Command(name = "rigs", mixinStandardHelpOptions = true,
            description = "The rig pool: capabilities, connected, health, current run, queue it could serve.")
    static final class Rigs implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private AdminApi service;
        @Option(names = "--dispatchable", description = "only rigs that may get a run now")
        private boolean dispatchableOnly;

        @Override
        public Integer call() throws Exception {
            return ask(spec, service, "GET", "/api/rigs", null, 200, (answer, out) -> {
                for (JsonNode rig : answer.path("rigs")) {
                    if (dispatchableOnly && !rig.path("dispatchable").asBoolean()) {
                        continue;
                    }
                    out.printf(Locale.ROOT, "%-16s %-9s %-9s %-20s run=%s queue=%d %s%n", rig.path("name").asText(),
                            rig.path("connected").asBoolean() ? "online" : "offline", rig.path("health").asText(),
                            String.join(",", AdminApi.JSON.convertValue(rig.path("capabilities"), String[].class)),
                            rig.path("currentRun").asText("-"), rig.path("queueLength").asLong(),
                            rig.path("softwareVersion").asText(""));
                }
            });
        }
    }
}
