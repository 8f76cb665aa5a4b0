package io.fleet.rig.source;

import io.fleet.model.Checks;

/**
 * Sizing of a rig site's link to S3 and of its local cache, by the formulas of the AWS field notes on HiL for
 * ADAS/AD ("Hardware-in-the-loop on AWS", shared/reference/field-notes-connected-vehicle-hil-datalake.txt):
 * <pre>
 * Average_Throughput (Gbps) = Average_Dataset_Size(GB) * 8 / Time_Interval (seconds)
 * Cache_Size(GB) = Average_Dataset_Size(GB) - Average_Throughput (Gbps) / 8 * Time_Interval (seconds)
 * </pre>
 * The first gives the link needed to move the whole dataset within the window; the second, for a given link, the
 * part of the dataset that cannot cross the link in the window and so must already sit in the cache. The notes'
 * cache example checks out (10 PB, 40 Gbps, 2 weeks: 10,000,000 - 5 * 1,209,600 = 3,952,000 GB, "four PB"); their
 * link example (20 PB in 2 weeks, "~200 Gbps") gives 132 Gbps by the formula, so we print the formula's value.
 *
 * @param requiredLinkGbps link throughput that moves the whole dataset in the window
 * @param linkCapacityGb   what the given link moves in the window
 * @param cacheGb          local cache needed with the given link; 0 when the link alone suffices
 */
public record CachePlan(double datasetGb, double linkGbps, double windowSeconds, double requiredLinkGbps,
                        double linkCapacityGb, double cacheGb) {

    public static CachePlan compute(double datasetGb, double linkGbps, double windowDays) {
        Checks.check(datasetGb >= 0, "--dataset-gb", "must be >= 0", datasetGb);
        Checks.check(linkGbps >= 0, "--link-gbps", "must be >= 0", linkGbps);
        Checks.check(windowDays > 0, "--window-days", "must be > 0", windowDays);
        double seconds = windowDays * 86_400;
        double required = datasetGb * 8 / seconds;
        double capacity = linkGbps / 8 * seconds;
        return new CachePlan(datasetGb, linkGbps, seconds, required, capacity, Math.max(0, datasetGb - capacity));
    }
}
