package io.fleet.cloud.ingest;

import io.fleet.cloud.config.SqsConfig;
import io.fleet.cloud.s3.DriveLogBucket;
import io.fleet.cloud.s3.StaleConnections;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The production ingest trigger: S3 Event Notifications of the drive-log bucket, read from an SQS queue (competing
 * consumers: every service instance may read the same queue). A message's new drive logs become PENDING entries
 * exactly as the listing poller's do ({@link DriveLogCatalog}: a version already taken is not taken again), and the
 * message is deleted only after that transaction committed, so a crash in between delivers it again (harmless) and
 * never loses it. A message that is no S3 event notification is logged and left on the queue, where the queue's
 * redrive policy moves it to a dead-letter queue after its maxReceiveCount.
 */
final class S3EventQueue {

    private static final Logger LOG = LoggerFactory.getLogger(S3EventQueue.class);
    private static final int MAX_MESSAGES = 10; // the most SQS hands out per receive

    private final SqsClient sqs;
    private final String queueUrl;
    private final int waitSeconds;
    private final String bucket;
    private final DriveLogCatalog catalog;

    S3EventQueue(SqsClient sqs, String queueUrl, int waitSeconds, String bucket, DriveLogCatalog catalog) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.waitSeconds = waitSeconds;
        this.bucket = bucket;
        this.catalog = catalog;
    }

    /**
     * The SQS client {@code ingest.sqs} describes (the blocking url-connection HTTP client, as for S3, with as many
     * attempts as it takes to get past stale keep-alive connections).
     */
    static SqsClient client(SqsConfig settings, String defaultRegion) {
        SqsClientBuilder builder = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(StaleConnections::outlast)
                .region(Region.of(settings.region() != null ? settings.region() : defaultRegion))
                .credentialsProvider(DriveLogBucket.credentials(settings.credentialsFile()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder.build();
    }

    /**
     * One receive (waiting up to {@code waitSeconds} for messages) and the catalog entries of what it got.
     *
     * @return the ids of the new entries
     * @throws SQLException when PostgreSQL failed: the message being handled stays on the queue and comes back
     */
    List<Long> pass() throws SQLException {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(MAX_MESSAGES)
                .waitTimeSeconds(waitSeconds)).messages();
        List<Long> created = new ArrayList<>();
        for (Message message : messages) {
            List<DriveLogCatalog.ListedObject> objects;
            try {
                objects = S3EventMessage.createdDriveLogs(message.body(), bucket);
            } catch (IllegalArgumentException e) {
                LOG.warn("SQS message {} on {} is not an S3 event notification ({}); left on the queue for its "
                        + "redrive policy", message.messageId(), queueUrl, e.getMessage());
                continue;
            }
            created.addAll(catalog.discover(bucket, objects));
            sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        return created;
    }
}
