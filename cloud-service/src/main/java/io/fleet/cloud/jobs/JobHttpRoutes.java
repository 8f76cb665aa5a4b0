package io.fleet.cloud.jobs;

import io.fleet.cloud.controlplane.ControlPlaneHandler;
import io.fleet.cloud.controlplane.RequestFields;
import io.fleet.cloud.http.SigV4Verifier;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The AWS IoT Jobs control plane on the service's HTTP listener, wire-compatible with the SDK's {@code IotClient}
 * and {@code aws iot ... --endpoint-url}: CreateJob ({@code PUT /jobs/{jobId}}), DescribeJob
 * ({@code GET /jobs/{jobId}}) and ListJobs ({@code GET /jobs}). Errors and signatures as the registry's
 * ({@link ControlPlaneHandler}).
 */
public final class JobHttpRoutes {

    /** A 32 KB document, escaped inside the request JSON, and the rest of the request. */
    private static final long MAX_BODY_BYTES = 256 * 1024;
    private static final int MAX_RESULTS = 250;
    private static final int DEFAULT_MAX_RESULTS = 50;

    private final JobControlPlane jobs;
    private final ControlPlaneHandler handler;
    private final JobRequests requests = new JobRequests();

    /** @param signatures checks every request's SigV4 signature; null to take unsigned requests */
    public JobHttpRoutes(JobControlPlane jobs, SigV4Verifier signatures) {
        this.jobs = jobs;
        this.handler = new ControlPlaneHandler(signatures);
    }

    public void mount(Router router) {
        router.route("/jobs/:jobId").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.put("/jobs/:jobId").handler(ctx -> handler.handle(ctx, body -> jobs.createJob(
                        requests.createJob(ctx.pathParam("jobId"), RequestFields.object(body)))
                .thenApply(job -> requests.created(job, jobs.arns()))));
        router.get("/jobs/:jobId").handler(ctx -> handler.handle(ctx, body -> jobs.describeJob(ctx.pathParam("jobId"))
                .thenApply(job -> requests.described(job, jobs.arns()))));
        router.get("/jobs").handler(ctx -> handler.handle(ctx, body -> {
            var query = ctx.queryParams();
            return jobs.listJobs(query.get("status"), query.get("targetSelection"), query.get("thingGroupName"),
                            query.get("nextToken"), RequestFields.maxResults(query.get("maxResults"), MAX_RESULTS,
                                    DEFAULT_MAX_RESULTS))
                    .thenApply(page -> requests.listed(page, jobs.arns()));
        }));
    }
}
