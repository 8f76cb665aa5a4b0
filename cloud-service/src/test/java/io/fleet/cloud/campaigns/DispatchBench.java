package io.fleet.cloud.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.config.CampaignsConfig;
import io.fleet.cloud.config.DatabaseConfig;
import io.fleet.cloud.db.Database;
import io.fleet.cloud.registry.RegistryClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * Dispatch latency with a busy rig pool (not a test; scripts/bench-dispatch.sh, BENCHMARKS.md): R simulated rigs
 * (the device SDK's IotJobsV2Client, or with "plain" standing subscriptions and notify-next; each passing its jobs
 * at once) and N runs queued in campaigns of 100. For every
 * run: from the moment it could have gone to a rig (queued, or the rig it got became free: its previous run ended)
 * to its lease (the dispatcher's decision, the AWS IoT job created) and to the job's IN_PROGRESS (the rig took it).
 * Stops by itself after the runs end or the time limit.
 */
public final class DispatchBench {

    private static final int PER_CAMPAIGN = 100;

    public static void main(String[] args) throws Exception {
        int rigs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Duration limit = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 900);
        boolean plain = args.length > 3 && args[3].equals("plain");
        long runMillis = args.length > 4 ? Long.parseLong(args[4]) : 0;
        try (RunningCloud cloud = RunningCloud.start(c -> c.withCampaigns(CampaignsConfig.defaults()));
             IotClient iot = RegistryClients.iot(cloud.httpBase(), "AKIDEXAMPLE", "unused-on-loopback")) {
            AppApiClient admin = new AppApiClient(cloud.httpBase(),
                    cloud.service().tokenFiles().read("admin").orElseThrow());
            List<SimulatedRig> pool = new ArrayList<>();
            for (int i = 0; i < rigs; i++) {
                String name = String.format(Locale.ROOT, "bench-rig-%03d", i);
                iot.createThing(b -> b.thingName(name));
                AwsDeviceClient device = cloud.device(name);
                pool.add(new SimulatedRig(device, name, List.of("can"), SimulatedRig.Behaviour.PASS,
                        plain ? RigJobs.plain(device, name) : RigJobs.sdk(device, name)));
                pool.get(i).runFor(runMillis);
            }
            awaitDispatchable(admin, rigs, Instant.now().plus(Duration.ofMinutes(2)));
            Instant start = Instant.now();
            for (int c = 0; c * PER_CAMPAIGN < runs; c++) {
                int count = Math.min(PER_CAMPAIGN, runs - c * PER_CAMPAIGN);
                CampaignTestCloud.create(admin, "bench-" + c, CampaignTestCloud.runs(count, "bench-" + c), 0,
                        "[\"can\"]");
            }
            System.out.printf(Locale.ROOT, "%d rigs (%s, %d ms a run), %d runs queued in %.1f s (%d cores, "
                    + "load %s)%n", rigs, plain ? "plain MQTT, standing subscriptions" : "device SDK IotJobsV2Client",
                    runMillis, runs,
                    Duration.between(start, Instant.now()).toMillis() / 1000.0,
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            Instant deadline = start.plus(limit);
            while (ended(admin) < runs && Instant.now().isBefore(deadline)) {
                Thread.sleep(2000);
            }
            Duration took = Duration.between(start, Instant.now());
            report(cloud, runs, took);
            pool.forEach(SimulatedRig::close);
        }
        System.exit(0);
    }

    private static void awaitDispatchable(AppApiClient admin, int rigs, Instant deadline) throws Exception {
        while (Instant.now().isBefore(deadline)) {
            int ready = 0;
            for (JsonNode rig : admin.get("/api/rigs").body().path("rigs")) {
                ready += rig.path("dispatchable").asBoolean() ? 1 : 0;
            }
            if (ready == rigs) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("not all " + rigs + " rigs became dispatchable within 2 minutes");
    }

    private static long ended(AppApiClient admin) throws Exception {
        long ended = 0;
        for (JsonNode campaign : admin.get("/api/campaigns").body().path("campaigns")) {
            JsonNode counts = campaign.path("counts");
            for (String state : List.of("PASSED", "FAILED", "ERROR", "CANCELED")) {
                ended += counts.path(state).asLong();
            }
        }
        return ended;
    }

    private static void report(RunningCloud cloud, int runs, Duration took) throws Exception {
        DatabaseConfig db = Database.runningEmbedded(cloud.root().resolve("data"), 1);
        List<Long> toLease = new ArrayList<>();
        List<Long> toStart = new ArrayList<>();
        Map<String, Instant> rigFreeAt = new HashMap<>();
        long passed = 0;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT r.rig, r.queued_at, r.leased_at, r.ended_at, r.state, "
                     + "e.started_at FROM campaign_runs r LEFT JOIN job_execution e ON e.job_id = r.job_id "
                     + "WHERE r.leased_at IS NOT NULL ORDER BY r.rig, r.leased_at")) {
            while (r.next()) {
                String rig = r.getString(1);
                Instant queued = r.getTimestamp(2).toInstant();
                Instant leased = r.getTimestamp(3).toInstant();
                Timestamp endedAt = r.getTimestamp(4);
                Instant free = rigFreeAt.getOrDefault(rig, queued);
                Instant from = free.isAfter(queued) ? free : queued;
                toLease.add(Duration.between(from, leased).toMillis());
                long startedMillis = r.getLong(6);
                if (!r.wasNull()) {
                    toStart.add(startedMillis - from.toEpochMilli());
                }
                passed += "PASSED".equals(r.getString(5)) ? 1 : 0;
                if (endedAt != null) {
                    rigFreeAt.put(rig, endedAt.toInstant());
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d of %d runs leased, %d PASSED, in %.1f s (%.1f runs/s)%n", toLease.size(),
                runs, passed, took.toMillis() / 1000.0, passed * 1000.0 / took.toMillis());
        System.out.println("| from queued or rig free to | runs | p50 ms | p90 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|");
        row("lease (job created)", toLease);
        row("job IN_PROGRESS on the rig", toStart);
    }

    private static void row(String what, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        if (sorted.isEmpty()) {
            System.out.printf(Locale.ROOT, "| %s | 0 | - | - | - | - |%n", what);
            return;
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d |%n", what, sorted.size(), at(sorted, 0.5),
                at(sorted, 0.9), at(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
