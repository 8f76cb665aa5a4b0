package io.fleet.rig.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.cloud.AdjustableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentAddressedCacheTest {

    @TempDir
    Path dir;

    /** Moved in whole seconds, so file modification times order reliably on every file system. */
    private final AdjustableClock clock = AdjustableClock.standingStill();
    private final AtomicInteger downloads = new AtomicInteger();

    @Test
    void aHitDoesNotDownloadAgain() throws IOException {
        ContentAddressedCache cache = new ContentAddressedCache(dir, 100, clock);

        Path first = cache.get("etag-\"abc\"", 10, file -> write(file, 10));
        Path second = cache.get("etag-\"abc\"", 10, file -> write(file, 10));

        assertThat(second).isEqualTo(first);
        assertThat(downloads).hasValue(1);
        assertThat(first.getFileName().toString()).isEqualTo("etag-_abc_");
    }

    @Test
    void evictsTheLeastRecentlyUsedEntriesToStayWithinTheBound() throws IOException {
        ContentAddressedCache cache = new ContentAddressedCache(dir, 100, clock);
        cache.get("a", 40, file -> write(file, 40));
        clock.advance(Duration.ofSeconds(10));
        cache.get("b", 40, file -> write(file, 40));
        clock.advance(Duration.ofSeconds(10));
        cache.get("a", 40, file -> write(file, 40)); // touch a: b is now the oldest
        clock.advance(Duration.ofSeconds(10));

        cache.get("c", 40, file -> write(file, 40));

        assertThat(cache.contains("a")).isTrue();
        assertThat(cache.contains("b")).isFalse();
        assertThat(cache.contains("c")).isTrue();
        assertThat(cache.usedBytes()).isEqualTo(80);
    }

    @Test
    void aFailedOrShortDownloadLeavesNoEntryAndNoTempFile() throws IOException {
        ContentAddressedCache cache = new ContentAddressedCache(dir, 100, clock);

        assertThatThrownBy(() -> cache.get("x", 10, file -> {
            write(file, 4);
            throw new IOException("connection reset");
        })).hasMessage("connection reset");
        assertThatThrownBy(() -> cache.get("y", 10, file -> write(file, 4))).hasMessageContaining("has 4 bytes");

        assertThat(cache.contains("x")).isFalse();
        assertThat(cache.contains("y")).isFalse();
        try (var temp = Files.list(dir.resolve("tmp"))) {
            assertThat(temp).isEmpty();
        }
    }

    @Test
    void strayPartialDownloadsFromACrashAreRemovedOnStart() throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        Files.write(dir.resolve("tmp/z.1234.partial"), new byte[3]);

        new ContentAddressedCache(dir, 100, clock);

        assertThat(dir.resolve("tmp/z.1234.partial")).doesNotExist();
    }

    @Test
    void anObjectLargerThanTheCacheIsRefused() throws IOException {
        ContentAddressedCache cache = new ContentAddressedCache(dir, 100, clock);

        assertThatThrownBy(() -> cache.get("big", 101, file -> write(file, 101)))
                .hasMessageContaining("stream it instead");
    }

    private void write(Path file, int bytes) throws IOException {
        downloads.incrementAndGet();
        Files.write(file, new byte[bytes]);
    }
}
