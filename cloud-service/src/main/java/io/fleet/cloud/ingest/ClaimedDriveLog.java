package io.fleet.cloud.ingest;

/** A PENDING drive log a worker has claimed for ingest. */
record ClaimedDriveLog(long id, String bucket, String key, String etag, String vehicle, long size) {

    String url() {
        return "s3://" + bucket + "/" + key;
    }
}
