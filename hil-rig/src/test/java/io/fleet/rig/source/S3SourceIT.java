package io.fleet.rig.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.LogReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** S3 inputs against an in-process S3Proxy, through the real AWS SDK v2 client. */
@ExtendWith(S3ProxyExtension.class)
class S3SourceIT {

    private static final String BUCKET = "drive-logs";
    private static final ExecutorService FETCHER = Executors.newFixedThreadPool(2);

    @TempDir
    Path dir;

    @BeforeAll
    static void createBucket(S3Client s3) {
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopFetcher() {
        FETCHER.shutdownNow();
    }

    @Test
    void rangedReadAheadStreamYieldsTheWholeObjectInSmallRanges(S3Client s3) throws IOException {
        byte[] content = new byte[300_001];
        new Random(7).nextBytes(content);
        S3Location location = put(s3, "raw/blob.bin", content);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(location.key()));

        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (RangedReadAheadInputStream in = new RangedReadAheadInputStream(s3, location, head.eTag(),
                head.contentLength(), 65_536, FETCHER)) {
            in.transferTo(copy);
            assertThat(in.rangesFetched()).isEqualTo(5);
        }

        assertThat(copy.toByteArray()).isEqualTo(content);
    }

    @Test
    void aReplacedObjectFailsTheStreamInsteadOfMixingVersions(S3Client s3) throws IOException {
        S3Location location = put(s3, "raw/changing.bin", new byte[200_000]);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(location.key()));
        try (InputStream in = new RangedReadAheadInputStream(s3, location, head.eTag(), head.contentLength(),
                100_000, Runnable::run)) {
            put(s3, location.key(), new byte[200_000 - 1]);
            in.readNBytes(100_000); // first range was fetched before the change
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageStartingWith("cannot read "
                    + location + ": the object changed while it was read (HTTP 412");
        }
    }

    @Test
    void candumpLogStreamsFromS3WithoutACache(S3Client s3) throws IOException {
        S3Location location = put(s3, "raw/VIN1/drive.log", candump(1_000).getBytes(StandardCharsets.US_ASCII));
        S3RecordSource source = new S3RecordSource(s3, location, null, LogOpener.builtIn(), FETCHER);

        assertThat(count(source)).isEqualTo(1_000);
        assertThat(source.cachedFile()).isNull();
        Path local = dir.resolve("drive.log");
        Files.writeString(local, candump(1_000));
        assertThat(source.streamedSha256()).as("hashed while streaming, as a local copy would be")
                .isEqualTo(io.fleet.rig.report.KpiReports.sha256(local));
    }

    @Test
    void aStreamThatStopsBeforeTheEndHasNoHash(S3Client s3) throws IOException {
        S3Location location = put(s3, "raw/VIN3/drive.log", candump(1_000).getBytes(StandardCharsets.US_ASCII));
        S3RecordSource source = new S3RecordSource(s3, location, null, LogOpener.builtIn(), FETCHER);
        try (LogReader reader = source.open()) {
            reader.next();
        }
        assertThat(source.streamedSha256()).isNull();
    }

    @Test
    void cachedSourceDownloadsOnceAndReplaysFromDisk(S3Client s3) throws IOException {
        S3Location location = put(s3, "raw/VIN2/drive.log", candump(500).getBytes(StandardCharsets.US_ASCII));
        ContentAddressedCache cache = new ContentAddressedCache(dir.resolve("cache"), 10_000_000,
                Clock.systemUTC());
        S3RecordSource source = new S3RecordSource(s3, location, cache, LogOpener.builtIn(), FETCHER);

        assertThat(count(source)).isEqualTo(500);
        Path cached = source.cachedFile();
        assertThat(cached.getFileName().toString()).startsWith("etag-").endsWith(".log");
        s3.deleteObject(b -> b.bucket(BUCKET).key(location.key()));
        assertThat(count(source)).isEqualTo(500); // second loop: served from the cache
        assertThat(Files.readString(cached)).isEqualTo(candump(500));
    }

    @Test
    void theCacheEvictsTheLeastRecentlyReplayedLogWhenFull(S3Client s3) throws IOException {
        byte[] log = candump(100).getBytes(StandardCharsets.US_ASCII);
        ContentAddressedCache cache = new ContentAddressedCache(dir.resolve("lru"), log.length * 2L + 10,
                Clock.systemUTC());
        S3RecordSource first = new S3RecordSource(s3, put(s3, "lru/a.log", log), cache, LogOpener.builtIn(), FETCHER);
        S3RecordSource second = new S3RecordSource(s3, put(s3, "lru/b.log", (candump(100) + " ").getBytes(
                StandardCharsets.US_ASCII)), cache, LogOpener.builtIn(), FETCHER);
        S3RecordSource third = new S3RecordSource(s3, put(s3, "lru/c.log", (candump(100) + "  ").getBytes(
                StandardCharsets.US_ASCII)), cache, LogOpener.builtIn(), FETCHER);

        count(first);
        count(second);
        count(first); // a was used last: b is now the least recently used
        // the three runs may fall into one tick of the file system's clock; make b's last access clearly oldest
        Files.setLastModifiedTime(second.cachedFile(), FileTime.fromMillis(0));
        count(third);

        assertThat(first.cachedFile()).exists();
        assertThat(second.cachedFile()).doesNotExist();
        assertThat(third.cachedFile()).exists();
    }

    private static long count(S3RecordSource source) throws IOException {
        long n = 0;
        try (LogReader reader = source.open()) {
            BusRecord record;
            while ((record = reader.next()) != null) {
                assertThat(record).isInstanceOf(CanFrame.class);
                n++;
            }
        }
        return n;
    }

    private static S3Location put(S3Client s3, String key, byte[] content) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
        return new S3Location(BUCKET, key);
    }

    static String candump(int frames) {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < frames; i++) {
            log.append(String.format("(1700000000.%06d) can0 %03X#%02X11223344%n", i * 1000, 0x100 + i % 16,
                    i & 0xFF));
        }
        return log.toString();
    }
}
