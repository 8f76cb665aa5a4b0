package io.fleet.cloud.ingest;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The embedded ingest trigger: lists {@code raw/} page by page and turns object versions not taken before into
 * PENDING catalog entries. S3 lists in key order, not upload order, so a key cursor alone would miss an upload whose
 * key sorts before it: every pass lists the whole prefix, and {@code drive_log_objects} (key + ETag) decides what is
 * new. The persisted {@link IngestCursor} lets a pass interrupted by a restart go on where it stopped.
 */
final class ListingPoller {

    static final int PAGE_SIZE = 1000;

    private final S3Client s3;
    private final String bucket;
    private final DriveLogCatalog catalog;
    private final IngestCursor cursor;
    private final int pageSize;

    ListingPoller(S3Client s3, String bucket, DriveLogCatalog catalog, IngestCursor cursor) {
        this(s3, bucket, catalog, cursor, PAGE_SIZE);
    }

    ListingPoller(S3Client s3, String bucket, DriveLogCatalog catalog, IngestCursor cursor, int pageSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.catalog = catalog;
        this.cursor = cursor;
        this.pageSize = pageSize;
    }

    /** One whole pass (from the cursor to the end of the listing); returns the ids of the new entries. */
    List<Long> pass() throws SQLException {
        List<Long> created = new ArrayList<>();
        Optional<String> startAfter = cursor.startAfter();
        while (true) {
            String after = startAfter.orElse(null);
            ListObjectsV2Response page = s3.listObjectsV2(l -> l.bucket(bucket).prefix(RawObjectKey.PREFIX)
                    .maxKeys(pageSize).startAfter(after));
            List<DriveLogCatalog.ListedObject> objects = new ArrayList<>();
            for (S3Object object : page.contents()) {
                RawObjectKey.parse(object.key()).ifPresent(key -> objects.add(
                        new DriveLogCatalog.ListedObject(key, object.eTag(), object.size())));
            }
            if (page.contents().isEmpty()) {
                cursor.completePass(Instant.now());
                return created;
            }
            String lastKey = page.contents().get(page.contents().size() - 1).key();
            created.addAll(catalog.discover(bucket, objects, cursor, lastKey));
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                cursor.completePass(Instant.now());
                return created;
            }
            startAfter = Optional.of(lastKey);
        }
    }
}
