package io.fleet.rig.source;

import io.fleet.rig.failure.IoFailure;
import java.net.URI;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the S3 client's exceptions into one line naming the object, the reason and the endpoint asked, e.g.
 * {@code cannot read s3://logs/a.log: no such key (endpoint http://127.0.0.1:9000)}. The SDK's own messages are
 * long, name neither the object nor the endpoint, and a HEAD request's 404 does not say whether the key or the bucket
 * is missing.
 */
public final class S3Failures {

    private S3Failures() {
    }

    /** @param s3 the client that failed, asked once more for the bucket when a 404 does not say which is missing */
    static IoFailure reading(S3Location location, S3Client s3, SdkException failure) {
        return IoFailure.of("read", location.toString(), reason(location, s3, failure) + " (endpoint "
                + endpoint(s3) + ")", failure);
    }

    /** The client could not even be built (no region) for this {@code s3://} URL. */
    public static IoFailure clientSetup(String url, SdkException failure) {
        return IoFailure.of("read", url, reason(null, null, failure), failure);
    }

    /** @param s3 null when there is no client yet to ask whether the bucket exists */
    private static String reason(S3Location location, S3Client s3, SdkException failure) {
        if (failure instanceof NoSuchBucketException) {
            return "no such bucket";
        }
        if (failure instanceof NoSuchKeyException || failure instanceof S3Exception e && e.statusCode() == 404) {
            return s3 == null || bucketExists(location, s3) ? "no such key" : "no such bucket";
        }
        if (failure instanceof S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String status = "HTTP " + e.statusCode() + (code == null || code.isBlank() ? "" : " " + code);
            return switch (e.statusCode()) {
                case 403 -> "access denied (" + status + "; check the access key, secret key and bucket policy)";
                case 301, 307 -> "the bucket is in another region (" + status + "; set --s3-region)";
                case 412 -> "the object changed while it was read (" + status + ")"; // ranged GETs pin the ETag
                default -> status;
            };
        }
        if (failure instanceof SdkClientException && failure.getCause() == null) {
            String message = String.valueOf(failure.getMessage());
            if (message.startsWith("Unable to load credentials")) {
                return "no credentials (set FLEET_S3_ACCESS_KEY and FLEET_S3_SECRET_KEY or the AWS default chain)";
            }
            if (message.startsWith("Unable to load region")) {
                return "no region (set --s3-region or AWS_REGION)";
            }
        }
        return IoFailure.reason(failure);
    }

    private static boolean bucketExists(S3Location location, S3Client s3) {
        try {
            s3.headBucket(b -> b.bucket(location.bucket()));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            return e.statusCode() != 404;
        } catch (SdkException e) {
            return true; // cannot tell: say what the first answer said
        }
    }

    /** The endpoint the client was given, or Amazon S3 in its region. */
    static String endpoint(S3Client s3) {
        return s3.serviceClientConfiguration().endpointOverride().map(URI::toString)
                .orElseGet(() -> "Amazon S3 " + s3.serviceClientConfiguration().region());
    }
}
