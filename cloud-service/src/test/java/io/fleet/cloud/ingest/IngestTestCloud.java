package io.fleet.cloud.ingest;

import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.config.DatabaseConfig;
import io.fleet.cloud.config.IngestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A cloud service with drive-log ingest on, polling every 100 ms, for the ingest ITs: the real S3Proxy bucket
 * {@code drive-logs}, the embedded PostgreSQL, and an admin client of the app API.
 */
record IngestTestCloud(RunningCloud cloud, AppApiClient admin) implements AutoCloseable {

    static final Path CSS = Path.of("..", "testdata", "can", "css-electronics");

    static IngestTestCloud start(int workers) throws Exception {
        RunningCloud cloud = RunningCloud.start(c -> c.withIngest(IngestConfig.defaults()
                .withPollInterval(Duration.ofMillis(100)).withWorkers(workers)));
        return new IngestTestCloud(cloud, new AppApiClient(cloud.httpBase(),
                Files.readString(cloud.service().tokenFiles().file("admin")).strip()));
    }

    S3Client s3() {
        return cloud.service().driveLogBucket().client();
    }

    /**
     * Uploads as a logger would, with the service's own client. After a test restarted the service (and its S3Proxy on
     * the same port) that client gets past the connections the old S3Proxy closed by itself
     * ({@link io.fleet.cloud.s3.StaleConnections}).
     */
    void upload(String key, byte[] bytes) {
        s3().putObject(p -> p.bucket("drive-logs").key(key), RequestBody.fromBytes(bytes));
    }

    /** Complete passes of the listing poller over {@code raw/} so far, as its cursor in PostgreSQL counts them. */
    long listingPasses() throws SQLException {
        DatabaseConfig db = cloud.service().databaseSettings();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(db.jdbcUrl());
        dataSource.setUser(db.user());
        dataSource.setPassword(db.password());
        return new IngestCursor(dataSource, "drive-logs", RawObjectKey.PREFIX).passes();
    }

    @Override
    public void close() {
        cloud.close();
    }
}
