package io.fleet.cloud.campaigns;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The result files a rig uploaded for a run, where its job document told it to ({@code resultsPrefix},
 * {@code results/<campaign>/<run>/} in the service's bucket), read back for the API: the KPI HTML report.
 *
 * <p>Threads: every method returns at once; S3 is read on {@code executor}.
 */
public final class RunResults {

    /** The rig agent's KPI report in a run's results (hil-rig README, "Rig agent"). */
    static final String KPI_HTML = "kpi.html";

    private final S3Client s3;
    private final String bucket;
    private final Executor executor;

    public RunResults(S3Client s3, String bucket, Executor executor) {
        this.s3 = s3;
        this.bucket = bucket;
        this.executor = executor;
    }

    /** Where the API serves the KPI HTML of run {@code runId} of campaign {@code campaignId}. */
    public static String kpiHtmlPath(long campaignId, long runId) {
        return "/api/campaigns/" + campaignId + "/runs/" + runId + "/" + KPI_HTML;
    }

    /** The KPI HTML the rig uploaded for the run; empty when there is none (yet). */
    public CompletableFuture<Optional<byte[]>> kpiHtml(long campaignId, long runId) {
        String key = RunJobDocument.resultsPrefix(campaignId, runId) + KPI_HTML;
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Optional.of(s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray());
            } catch (NoSuchKeyException missing) {
                return Optional.<byte[]>empty();
            } catch (SdkException e) {
                throw new IllegalStateException("s3://" + bucket + "/" + key + " could not be read: "
                        + e.getMessage(), e);
            }
        }, executor);
    }
}
