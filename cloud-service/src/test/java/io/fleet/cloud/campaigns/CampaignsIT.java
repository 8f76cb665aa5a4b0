package io.fleet.cloud.campaigns;

import static io.fleet.cloud.campaigns.CampaignTestCloud.OUTPUTS;
import static io.fleet.cloud.campaigns.CampaignTestCloud.WAIT;
import static io.fleet.cloud.campaigns.CampaignTestCloud.allRuns;
import static io.fleet.cloud.campaigns.CampaignTestCloud.runs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.config.CampaignsConfig;
import io.fleet.cloud.s3.DriveLogBucket;
import io.fleet.cloud.users.User;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * Campaigns end to end against the real service (embedded HiveMQ, PostgreSQL, the Jobs device API) with rigs
 * simulated by the AWS IoT Device SDK's {@code IotJobsV2Client} ({@link SimulatedRig}): runs are leased to free,
 * healthy, capable rigs as AWS IoT jobs, in priority order, and come back with verdicts; a silent rig loses its
 * lease, a rejection goes to another rig, and a cancel ends it all. Leases are 2 s here so a lost one shows quickly.
 */
class CampaignsIT {

    static final CampaignsConfig FAST = new CampaignsConfig(Duration.ofSeconds(2), Duration.ofMillis(200));

    private static CampaignTestCloud campaigns;
    private static RunningCloud cloud;
    private static IotClient iot;
    private static AppApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        campaigns = CampaignTestCloud.start(FAST);
        cloud = campaigns.cloud();
        iot = campaigns.iot();
        admin = campaigns.admin();
    }

    @AfterAll
    static void stop() {
        if (campaigns != null) {
            campaigns.close();
        }
    }

    @Test
    void aCampaignOfThreeRunsOverTwoRigsEndsWithVerdictsAndTraceability() throws Exception {
        try (SimulatedRig first = campaigns.rig("pass-rig-1", SimulatedRig.Behaviour.PASS, "can", "canfd");
             SimulatedRig second = campaigns.rig("pass-rig-2", SimulatedRig.Behaviour.PASS, "can")) {
            AppApiClient.Reply created = admin.post("/api/campaigns", "{\"name\": \"three runs\", \"runs\": "
                    + runs(3, "three") + ", \"requirements\": {\"capabilities\": [\"can\"]}, \"outputs\": " + OUTPUTS
                    + ", \"expect\": {\"0x7E8\": \"present\"}, \"capture\": true, \"retries\": 1}");
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            long id = created.body().path("id").asLong();

            JsonNode campaign = campaigns.await(id, allRuns("PASSED"));

            assertThat(campaign.path("status").asText()).isEqualTo("DONE");
            assertThat(campaign.path("counts").path("PASSED").asInt()).isEqualTo(3);
            List<String> rigs = new ArrayList<>();
            for (JsonNode run : campaign.path("runs")) {
                long runId = run.path("id").asLong();
                assertThat(run.path("verdict").asText()).isEqualTo("PASS");
                assertThat(run.path("results").asText()).isEqualTo("s3://fleet-drive-logs/results/" + id + "/"
                        + runId + "/");
                assertThat(run.path("measured").path("frames").asText()).isEqualTo("120");
                assertThat(run.path("measured").path("latenessP99Us").asText()).isEqualTo("42");
                assertThat(run.path("rigSoftwareVersion").asText()).isEqualTo(SimulatedRig.SOFTWARE);
                assertThat(run.path("jobId").asText()).isEqualTo("campaign-" + id + "-run-" + runId + "-1");
                assertThat(run.path("driveLog").path("url").asText()).startsWith("s3://fleet-drive-logs/raw/three/");
                assertThat(run.path("criteria").path("expect").path("0x7E8").asText()).isEqualTo("present");
                assertThat(run.path("attempts")).singleElement().satisfies(a ->
                        assertThat(a.path("outcome").asText()).isEqualTo("PASSED"));
                rigs.add(run.path("rig").asText());
            }
            assertThat(rigs).containsOnly("pass-rig-1", "pass-rig-2");
            JsonNode document = first.jobIds().isEmpty() ? second.nextDocument(1) : first.nextDocument(1);
            assertThat(document.path("resultsPrefix").asText()).matches("results/" + id + "/\\d+/");
            assertThat(document.path("campaign").asText()).isEqualTo(Long.toString(id));
            assertThat(document.path("outputs").path("A").asText()).isEqualTo("cannelloni://127.0.0.1:20000");
            assertThat(document.path("capabilities").get(0).asText()).isEqualTo("can");
            assertThat(document.path("capture").asBoolean()).isTrue();
            assertThat(document.path("expect").path("0x7E8").asText()).isEqualTo("present");
            assertThat(document.path("driveLog").asText()).startsWith("s3://fleet-drive-logs/raw/three/");
        }
    }

    @Test
    void higherPriorityRunsGoFirstAndFifoWithinAPriority() throws Exception {
        long low = campaigns.create("low", runs(2, "low"), 1, "[\"ethernet\"]");
        long high = campaigns.create("high", runs(1, "high"), 9, "[\"ethernet\"]");

        try (SimulatedRig rig = campaigns.rig("order-rig", SimulatedRig.Behaviour.PASS, "ethernet")) {
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonNode document = rig.nextDocument(WAIT.toSeconds());
                assertThat(document).as("job " + (i + 1)).isNotNull();
                order.add(document.path("driveLog").asText());
            }

            assertThat(order).containsExactly("s3://fleet-drive-logs/raw/high/log-0.mf4",
                    "s3://fleet-drive-logs/raw/low/log-0.mf4", "s3://fleet-drive-logs/raw/low/log-1.mf4");
            campaigns.await(low, allRuns("PASSED"));
            campaigns.await(high, allRuns("PASSED"));
        }
    }

    @Test
    void aRigLackingACapabilityGetsNothing() throws Exception {
        try (SimulatedRig rig = campaigns.rig("can-only-rig", SimulatedRig.Behaviour.PASS, "can")) {
            long id = campaigns.create("needs canfd", runs(1, "canfd"), 0, "[\"can\", \"canfd\"]");
            JsonNode rigs = campaigns.awaitRig("can-only-rig", r -> r.path("dispatchable").asBoolean());

            assertThat(rig.nextDocument(3)).as("a job for a rig without canfd").isNull();
            assertThat(rigs.path("capabilities").toString()).isEqualTo("[\"can\"]");
            assertThat(admin.get("/api/campaigns/" + id).body().path("runs").get(0).path("state").asText())
                    .isEqualTo("QUEUED");
            assertThat(admin.post("/api/campaigns/" + id + "/cancel", "").status()).isEqualTo(200);
        }
    }

    @Test
    void aRigThatStopsHeartbeatingLosesItsRunToAnotherRigAndTheAttemptIsRecorded() throws Exception {
        try (SimulatedRig silent = campaigns.rig("stall-rig", SimulatedRig.Behaviour.SILENT, "canfd")) {
            long id = campaigns.create("stall", runs(1, "stall"), 0, "[\"canfd\"]");
            assertThat(silent.nextDocument(WAIT.toSeconds())).as("the silent rig's job").isNotNull();
            try (SimulatedRig good = campaigns.rig("good-rig", SimulatedRig.Behaviour.PASS, "canfd")) {
                JsonNode run = campaigns.await(id, allRuns("PASSED")).path("runs").get(0);

                assertThat(run.path("rig").asText()).isEqualTo("good-rig");
                assertThat(run.path("attempt").asInt()).isEqualTo(2);
                JsonNode lost = run.path("attempts").get(0);
                assertThat(lost.path("rig").asText()).isEqualTo("stall-rig");
                assertThat(lost.path("outcome").asText()).isEqualTo("LOST");
                assertThat(lost.path("reason").asText()).contains("sent no heartbeat for 2 s");
                assertThat(run.path("attempts").get(1).path("outcome").asText()).isEqualTo("PASSED");
                String lostJob = lost.path("jobId").asText();
                assertThat(iot.describeJobExecution(b -> b.jobId(lostJob).thingName("stall-rig")).execution()
                        .statusAsString()).as("the lost lease's execution, cancelled with force").isEqualTo("CANCELED");
            }
        }
    }

    @Test
    void aRejectedRunIsQueuedAgainForAnotherRig() throws Exception {
        try (SimulatedRig refusing = campaigns.rig("a-refusing-rig", SimulatedRig.Behaviour.REJECT, "ethernet");
             SimulatedRig willing = campaigns.rig("b-willing-rig", SimulatedRig.Behaviour.PASS, "ethernet")) {
            long id = campaigns.create("rejected", runs(1, "rejected"), 0, "[\"ethernet\"]");

            JsonNode run = campaigns.await(id, allRuns("PASSED")).path("runs").get(0);

            assertThat(run.path("rig").asText()).isEqualTo("b-willing-rig");
            assertThat(run.path("attempts").get(0).path("rig").asText()).isEqualTo("a-refusing-rig");
            assertThat(run.path("attempts").get(0).path("outcome").asText()).isEqualTo("REJECTED");
            assertThat(run.path("attempts").get(0).path("reason").asText()).contains("simulated rig refuses");
            assertThat(refusing.jobIds()).hasSize(1);
        }
    }

    @Test
    void cancellingACampaignCancelsItsQueuedRunsAndItsJobs() throws Exception {
        try (SimulatedRig rig = campaigns.rig("hold-rig", SimulatedRig.Behaviour.HOLD, "can", "ethernet",
                "canfd")) {
            long id = campaigns.create("to cancel", runs(2, "cancel"), 0, "[\"can\", \"ethernet\", \"canfd\"]");
            assertThat(rig.nextDocument(WAIT.toSeconds())).isNotNull();
            campaigns.await(id, body -> body.path("runs").get(0).path("state").asText().equals("RUNNING"));
            String job = admin.get("/api/campaigns/" + id).body().path("runs").get(0).path("jobId").asText();

            AppApiClient.Reply cancel = admin.post("/api/campaigns/" + id + "/cancel", "");

            assertThat(cancel.status()).isEqualTo(200);
            assertThat(cancel.body().path("status").asText()).isEqualTo("CANCELED");
            assertThat(allRuns("CANCELED").test(cancel.body())).isTrue();
            await("job " + job + " cancelled").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> iot.describeJob(b -> b.jobId(job)).job().statusAsString(), "CANCELED"::equals);
            assertThat(iot.describeJobExecution(b -> b.jobId(job).thingName("hold-rig")).execution()
                    .statusAsString()).isEqualTo("CANCELED");
            rig.release();
            assertThat(rig.nextDocument(2)).as("no job for the cancelled campaign's second run").isNull();
        }
    }

    @Test
    void badRequestsNameTheFieldAndChangeNothing() throws Exception {
        int before = admin.get("/api/campaigns").body().path("campaigns").size();

        AppApiClient.Reply bad = admin.post("/api/campaigns", "{\"runs\": [{\"driveLog\": \"/tmp/x.mf4\"}], "
                + "\"outputs\": {}, \"retries\": \"many\", \"requirements\": {\"capabilities\": [\"lin\"]}}");
        AppApiClient.Reply unknown = admin.post("/api/campaigns", "{\"name\": \"x\", \"runs\": [{\"driveLogId\": "
                + "987654}], \"outputs\": " + OUTPUTS + "}");
        String ownerToken = cloud.service().users().addUser("campaign-owner", User.Role.OWNER, List.of("car-1"));
        AppApiClient.Reply owner = new AppApiClient(cloud.httpBase(), ownerToken).post("/api/campaigns",
                "{\"name\": \"x\", \"runs\": " + runs(1, "owner") + ", \"outputs\": " + OUTPUTS + "}");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("message").asText()).contains("name: required",
                "runs[0].driveLog: must be s3://<bucket>/<key>", "outputs: required",
                "retries: must be a whole number", "requirements.capabilities[0]: must be one of");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("message").asText()).isEqualTo("runs[0].driveLogId: no drive log 987654");
        assertThat(owner.status()).isEqualTo(403);
        assertThat(admin.get("/api/campaigns").body().path("campaigns").size()).isEqualTo(before);
        assertThat(admin.get("/api/campaigns/987654").status()).isEqualTo(404);
    }


    @Test
    void theCampaignListPagesNewestFirstWithLimitAndNextToken() throws Exception {
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // cancelled at once: no rig of the other tests gets their runs
            long id = campaigns.create("paged " + i, runs(1, "paged-" + i), 0, "[\"can\", \"canfd\", \"ethernet\"]");
            assertThat(admin.post("/api/campaigns/" + id + "/cancel", "").status()).isEqualTo(200);
            mine.add(id);
        }
        JsonNode everything = admin.get("/api/campaigns").body();
        List<Long> all = new ArrayList<>();
        everything.path("campaigns").forEach(c -> all.add(c.path("id").asLong()));

        List<Long> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = admin.get("/api/campaigns?limit=2" + (token == null ? "" : "&nextToken=" + token)).body();
            assertThat(page.path("campaigns").size()).isBetween(1, 2);
            assertThat(page.path("total").asLong()).isEqualTo(all.size());
            page.path("campaigns").forEach(c -> paged.add(c.path("id").asLong()));
            token = page.hasNonNull("nextToken") ? page.path("nextToken").asText() : null;
            pages++;
        } while (token != null && pages < 1000);

        assertThat(everything.has("nextToken")).as("no limit: everything in one answer").isFalse();
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(paged).isEqualTo(all).containsAll(mine).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        AppApiClient.Reply zero = admin.get("/api/campaigns?limit=0");
        AppApiClient.Reply forged = admin.get("/api/campaigns?limit=2&nextToken=bm90LWFuLWlk");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.body().path("message").asText()).isEqualTo("limit must be a whole number from 1 to 500, got 0");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body().path("message").asText())
                .isEqualTo("nextToken 'bm90LWFuLWlk' is not a token this service issued");

        String[] first = fleetCampaign("list", "--limit", "1");
        String next = first[1].replaceAll("(?s).*--next-token (\\S+).*", "$1");
        String[] second = fleetCampaign("list", "--limit", "1", "--next-token", next);
        assertThat(first[1]).startsWith("#" + all.get(0) + " ").contains(all.size() + " campaign(s) in all; more: "
                + "./fleet campaign list --limit 1 --next-token ");
        assertThat(second[1]).startsWith("#" + all.get(1) + " ");
    }

    @Test
    void theKpiReportOfARunIsServedFromTheResultsToAdminsOnly() throws Exception {
        long id;
        JsonNode runs;
        try (SimulatedRig rig = campaigns.rig("kpi-rig", SimulatedRig.Behaviour.PASS, "can", "canfd", "ethernet")) {
            id = campaigns.create("kpi", runs(2, "kpi"), 0, "[\"can\", \"canfd\", \"ethernet\"]");
            runs = campaigns.await(id, allRuns("PASSED")).path("runs");
        }
        long runId = runs.get(0).path("id").asLong();
        long otherRun = runs.get(1).path("id").asLong();
        String html = "<!DOCTYPE html><html><body><h1>KPI report</h1><p>lateness p99 42 us</p></body></html>";
        DriveLogBucket bucket = cloud.service().driveLogBucket();
        bucket.client().putObject(b -> b.bucket(bucket.bucket()).key("results/" + id + "/" + runId + "/kpi.html"),
                RequestBody.fromString(html, StandardCharsets.UTF_8)); // as the rig agent uploads it
        String path = "/api/campaigns/" + id + "/runs/" + runId + "/kpi.html";
        String ownerToken = cloud.service().users().addUser("kpi-owner", User.Role.OWNER, List.of("car-2"));

        JsonNode run = admin.get("/api/campaigns/" + id).body().path("runs").get(0);
        HttpResponse<String> report = fetch(path, cloud.service().tokenFiles().read("admin").orElseThrow());
        HttpResponse<String> anonymous = fetch(path, null);
        HttpResponse<String> owner = fetch(path, ownerToken);
        HttpResponse<String> notUploaded = fetch("/api/campaigns/" + id + "/runs/" + otherRun + "/kpi.html",
                cloud.service().tokenFiles().read("admin").orElseThrow());

        assertThat(run.path("kpiHtml").asText()).isEqualTo(path);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(report.headers().firstValue("Content-Security-Policy")).as("the rig's page runs no script "
                + "with the console's origin").hasValue("sandbox");
        assertThat(report.body()).isEqualTo(html);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(owner.statusCode()).isEqualTo(403);
        assertThat(notUploaded.statusCode()).isEqualTo(404);
        assertThat(notUploaded.body()).contains("no KPI report for run " + otherRun + " of campaign " + id);
    }

    /** A GET of the app API as text, with the bearer token when one is given. */
    private static HttpResponse<String> fetch(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.httpBase() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code fleet campaign ...} against the running service as its admin; exit code, stdout and stderr. */
    private static String[] fleetCampaign(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CampaignCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api", cloud.httpBase(), "--data-dir", cloud.root().resolve("data").toString()));
        int exit = cli.execute(all.toArray(String[]::new));
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }

    @Test
    void fleetCampaignCreatesListsShowsAndCancelsACampaignAndListsTheRigs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("campaign.json");
        Files.writeString(file, "{\"name\": \"from the CLI\", \"runs\": " + runs(2, "cli") + ", \"requirements\": "
                + "{\"capabilities\": [\"canfd\", \"ethernet\"]}, \"outputs\": " + OUTPUTS + ", \"priority\": 3}");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"name\": \"x\", \"runs\": [{\"driveLog\": \"here\"}], \"outputs\": " + OUTPUTS
                + "}");
        try (SimulatedRig rig = campaigns.rig("cli-rig", SimulatedRig.Behaviour.PASS, "can")) {
            campaigns.awaitRig("cli-rig", r -> r.path("connected").asBoolean()
                    && r.path("health").asText().equals("healthy"));

            String[] created = fleetCampaign("create", file.toString());
            String[] refused = fleetCampaign("create", bad.toString());
            String id = created[1].replaceAll("(?s)^#(\\d+).*", "$1");
            String[] shown = fleetCampaign("show", id);
            String[] rigs = fleetCampaign("rigs");
            String[] cancelled = fleetCampaign("cancel", id);
            String[] listed = fleetCampaign("list");

            assertThat(created[0]).as(created[2]).isEqualTo("0");
            assertThat(created[1]).startsWith("#" + id + " ACTIVE   from the CLI (priority 3) QUEUED=2")
                    .contains("2 run(s) queued; ./fleet campaign show " + id);
            assertThat(refused[0]).isEqualTo("1");
            assertThat(refused[2]).contains("runs[0].driveLog: must be s3://<bucket>/<key>");
            assertThat(shown[1]).contains("QUEUED   rig=- attempt=0 verdict=- s3://fleet-drive-logs/raw/cli/log-0.mf4",
                    "log-1.mf4");
            assertThat(rigs[1]).containsPattern("cli-rig +online +healthy +can +run=- queue=0 "
                    + SimulatedRig.SOFTWARE);
            assertThat(cancelled[1]).startsWith("#" + id + " CANCELED from the CLI (priority 3) CANCELED=2");
            assertThat(listed[1]).contains("#" + id + " CANCELED from the CLI");
        }
    }
}
