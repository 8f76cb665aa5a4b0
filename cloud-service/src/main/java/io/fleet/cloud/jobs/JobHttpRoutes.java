package io.fleet.cloud.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.controlplane.ControlPlaneException;
import io.fleet.cloud.controlplane.ControlPlaneHandler;
import io.fleet.cloud.controlplane.RequestFields;
import io.fleet.cloud.http.SigV4Verifier;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;

/**
 * The AWS IoT Jobs control plane on the service's HTTP listener, wire-compatible with the SDK's {@code IotClient}
 * and {@code aws iot ... --endpoint-url}: CreateJob ({@code PUT /jobs/{jobId}}), DescribeJob
 * ({@code GET /jobs/{jobId}}), ListJobs ({@code GET /jobs}), CancelJob ({@code PUT /jobs/{jobId}/cancel}), DeleteJob
 * ({@code DELETE /jobs/{jobId}}), GetJobDocument ({@code GET /jobs/{jobId}/job-document}),
 * ListJobExecutionsForJob ({@code GET /jobs/{jobId}/things}), ListJobExecutionsForThing
 * ({@code GET /things/{thingName}/jobs}), DescribeJobExecution ({@code GET /things/{thingName}/jobs/{jobId}}) and
 * CancelJobExecution ({@code PUT /things/{thingName}/jobs/{jobId}/cancel}). Errors and signatures as the
 * registry's ({@link ControlPlaneHandler}).
 */
public final class JobHttpRoutes {

    /** A 32 KB document, escaped inside the request JSON, and the rest of the request. */
    private static final long MAX_BODY_BYTES = 256 * 1024;
    private static final int MAX_RESULTS = 250;
    private static final int DEFAULT_MAX_RESULTS = 50;

    private static final ObjectNode EMPTY = new ObjectMapper().createObjectNode();

    private final JobControlPlane jobs;
    private final ControlPlaneHandler handler;
    private final JobRequests requests = new JobRequests();
    private final JobExecutionResponses executions;
    private final Clock clock;

    /** @param signatures checks every request's SigV4 signature; null to take unsigned requests */
    public JobHttpRoutes(JobControlPlane jobs, SigV4Verifier signatures, Clock clock) {
        this.jobs = jobs;
        this.handler = new ControlPlaneHandler(signatures);
        this.executions = new JobExecutionResponses(jobs.arns());
        this.clock = clock;
    }

    public void mount(Router router) {
        router.route("/jobs/:jobId").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.route("/jobs/:jobId/cancel").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.route("/things/:thingName/jobs/:jobId/cancel")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        mountExecutions(router);
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
        router.put("/jobs/:jobId/cancel").handler(ctx -> handler.handle(ctx, body -> {
            var request = RequestFields.object(body);
            return jobs.cancelJob(ctx.pathParam("jobId"), RequestFields.booleanParameter(ctx.queryParams(), "force"),
                            requests.reasonCode(request), requests.comment(request))
                    .thenApply(job -> requests.created(job, jobs.arns()));
        }));
        router.delete("/jobs/:jobId").handler(ctx -> handler.handle(ctx, body -> {
            if (ctx.queryParams().contains("namespaceId")) {
                throw ControlPlaneException.invalid("namespaceId is not supported by this service yet");
            }
            return jobs.deleteJob(ctx.pathParam("jobId"), RequestFields.booleanParameter(ctx.queryParams(), "force"))
                    .thenApply(done -> EMPTY.deepCopy());
        }));
    }

    /** GetJobDocument, the execution listings, DescribeJobExecution and CancelJobExecution. */
    private void mountExecutions(Router router) {
        router.get("/jobs/:jobId/job-document").handler(ctx -> handler.handle(ctx, body -> jobs.jobDocument(
                ctx.pathParam("jobId")).thenApply(executions::document)));
        router.get("/jobs/:jobId/things").handler(ctx -> handler.handle(ctx, body -> {
            var query = ctx.queryParams();
            return jobs.executionsOfJob(ctx.pathParam("jobId"), query.get("status"), query.get("nextToken"),
                    maxResults(query.get("maxResults"))).thenApply(executions::ofJob);
        }));
        router.get("/things/:thingName/jobs").handler(ctx -> handler.handle(ctx, body -> {
            var query = ctx.queryParams();
            return jobs.executionsOfThing(ctx.pathParam("thingName"), query.get("status"), query.get("nextToken"),
                    maxResults(query.get("maxResults"))).thenApply(executions::ofThing);
        }));
        router.get("/things/:thingName/jobs/:jobId").handler(ctx -> handler.handle(ctx, body -> jobs
                .describeExecution(ctx.pathParam("thingName"), ctx.pathParam("jobId"),
                        RequestFields.longParameter(ctx.queryParams(), "executionNumber"))
                .thenApply(e -> executions.described(e, clock.millis()))));
        router.put("/things/:thingName/jobs/:jobId/cancel").handler(ctx -> handler.handle(ctx, body -> {
            DeviceJobRequest fields = requests.cancelExecution(body);
            return jobs.cancelExecution(ctx.pathParam("thingName"), ctx.pathParam("jobId"),
                    RequestFields.booleanParameter(ctx.queryParams(), "force"), fields.expectedVersion(),
                    fields.statusDetails()).thenApply(done -> EMPTY.deepCopy());
        }));
    }

    private static int maxResults(String parameter) {
        return RequestFields.maxResults(parameter, MAX_RESULTS, DEFAULT_MAX_RESULTS);
    }
}
