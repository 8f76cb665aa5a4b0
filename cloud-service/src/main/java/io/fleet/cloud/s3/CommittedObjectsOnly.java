package io.fleet.cloud.s3;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists only objects whose upload has completed, as Amazon S3 does. S3Proxy's filesystem store writes an object to
 * {@code <key>-<random UUID>} beside its final name and renames it when the body is complete; a listing taken in
 * between shows that temporary file as an object of its own, and the ingest poller took one for a drive log (then
 * found it deleted). This store remembers which keys are being written and leaves their temporary names out of
 * listings: a name is hidden only while, or just after, a write of the key it belongs to runs, so a real object that
 * happens to end in a UUID is listed as usual.
 */
final class CommittedObjectsOnly extends ForwardingBlobStore {

    private static final Pattern TEMPORARY_NAME =
            Pattern.compile("(.+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** How long a finished write's key is remembered: far longer than any listing takes. */
    private static final long FORGET_AFTER_NANOS = 60_000_000_000L;

    /** A key's writes: how many run now, and when the last one ended. */
    private record Writes(int running, long lastEnd) {
    }

    private final Map<String, Writes> writes = new ConcurrentHashMap<>();

    CommittedObjectsOnly(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
        return writing(request.bucket(), request.key(), () -> super.putBlob(request, body));
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return writing(request.destinationBucket(), request.destinationKey(), () -> super.copyBlob(request));
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        return writing(request.bucket(), request.key(), () -> super.completeMultipartUpload(upload, request));
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        long listStart = System.nanoTime();
        ListObjectsV2Response listed = super.list(request);
        List<S3Object> committed = listed.contents().stream()
                .filter(object -> !isTemporary(request.bucket(), object.key(), listStart))
                .toList();
        forgetOldWrites(listStart);
        if (committed.size() == listed.contents().size()) {
            return listed;
        }
        return listed.toBuilder().contents(committed).keyCount(committed.size() + listed.commonPrefixes().size())
                .build();
    }

    private <T> T writing(String bucket, String key, Supplier<T> write) {
        String name = bucket + '/' + key;
        writes.compute(name, (k, w) -> new Writes(w == null ? 1 : w.running() + 1, w == null ? 0 : w.lastEnd()));
        try {
            return write.get();
        } finally {
            writes.compute(name, (k, w) -> new Writes(w.running() - 1, System.nanoTime()));
        }
    }

    /** A write of the key the name belongs to ran at some time during a listing that started at listStart. */
    private boolean isTemporary(String bucket, String objectKey, long listStart) {
        Matcher temporary = TEMPORARY_NAME.matcher(objectKey);
        if (!temporary.matches()) {
            return false;
        }
        Writes w = writes.get(bucket + '/' + temporary.group(1));
        return w != null && (w.running() > 0 || w.lastEnd() - listStart >= 0);
    }

    private void forgetOldWrites(long now) {
        writes.entrySet().removeIf(e -> e.getValue().running() == 0
                && now - e.getValue().lastEnd() > FORGET_AFTER_NANOS);
    }
}
