package io.fleet.cloud.ingest;

import io.fleet.cloud.config.SqsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ in-process (an SQS-compatible server) on a free loopback port, for the SQS trigger's ITs. */
final class ElasticMq implements AutoCloseable {

    private final SQSRestServer server;
    private final String endpoint;
    private final Path credentials;

    private ElasticMq(SQSRestServer server, String endpoint, Path credentials) {
        this.server = server;
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /** {@code keys}: where the key pair the clients sign with is written (ElasticMQ takes any). */
    static ElasticMq start(Path keys) throws Exception {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        Path credentials = Files.writeString(keys.resolve("credentials"),
                "[default]\naws_access_key_id = elasticmq\naws_secret_access_key = elasticmq\n");
        return new ElasticMq(server, "http://127.0.0.1:" + port, credentials);
    }

    /** {@code ingest.sqs} for the queue, receives waiting up to 1 s. */
    SqsConfig settings(String queueUrl) {
        return new SqsConfig(queueUrl, null, endpoint, credentials, Duration.ofSeconds(1));
    }

    /** A client of its own, as each service instance or worker process has. */
    SqsClient client() {
        return S3EventQueue.client(settings("unused"), "us-east-1");
    }

    /** A new queue whose messages come back 1 s after a receive that did not delete them. */
    static String createQueue(SqsClient sqs, String name) {
        return sqs.createQueue(q -> q.queueName(name).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")))
                .queueUrl();
    }

    /** Messages on the queue, visible or being handled. */
    static int messagesLeft(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(a -> a.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
