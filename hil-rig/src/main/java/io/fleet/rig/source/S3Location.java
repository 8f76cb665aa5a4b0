package io.fleet.rig.source;

import io.fleet.model.Checks;

/** An object address {@code s3://bucket/key}. */
public record S3Location(String bucket, String key) {

    public S3Location {
        Checks.check(bucket != null && !bucket.isEmpty(), "bucket", "must not be empty", bucket);
        Checks.check(key != null && !key.isEmpty(), "key", "must not be empty", key);
    }

    public static boolean isS3(String text) {
        return text.startsWith("s3://");
    }

    public static S3Location parse(String url) {
        Checks.check(isS3(url), "S3 URL", "must start with s3://", url);
        String rest = url.substring(5);
        int slash = rest.indexOf('/');
        Checks.check(slash > 0 && slash < rest.length() - 1, "S3 URL", "must look like s3://bucket/key", url);
        return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The key's last path element, which names the log format by its extension. */
    public String fileName() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
