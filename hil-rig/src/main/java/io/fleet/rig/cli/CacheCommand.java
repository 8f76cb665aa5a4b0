package io.fleet.rig.cli;

import io.fleet.rig.source.CachePlan;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hil-rig cache}: sizing of a rig site's S3 link and local cache. */
@Command(name = "cache", mixinStandardHelpOptions = true, subcommands = CacheCommand.Plan.class,
        description = "Local drive-log cache of a rig site.")
final class CacheCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code cache plan}: the field-notes formulas for link throughput and cache size. */
    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Link throughput to move a dataset within a window, and the cache needed with a given link.")
    static final class Plan implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--dataset-gb", required = true, description = "data the rigs need per window, GB")
        double datasetGb;

        @Option(names = "--link-gbps", required = true, description = "link to S3 (e.g. Direct Connect), Gbit/s")
        double linkGbps;

        @Option(names = "--window-days", required = true, description = "time in which the dataset is needed, days")
        double windowDays;

        @Override
        public Integer call() {
            CachePlan plan = CachePlan.compute(datasetGb, linkGbps, windowDays);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "dataset %.0f GB every %.1f days (%.0f s)%n", datasetGb, windowDays,
                    plan.windowSeconds());
            out.printf(Locale.ROOT, "required link throughput: %.3f Gbps (dataset GB * 8 / window s)%n",
                    plan.requiredLinkGbps());
            out.printf(Locale.ROOT, "a %.1f Gbps link moves %.0f GB in the window%n", linkGbps,
                    plan.linkCapacityGb());
            out.printf(Locale.ROOT, "local cache needed: %.0f GB (dataset GB - link Gbps / 8 * window s)%s%n",
                    plan.cacheGb(), plan.cacheGb() == 0 ? ", the link alone suffices" : "");
            return 0;
        }
    }
}
