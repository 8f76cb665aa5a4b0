package io.fleet.rig.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A local cache of drive logs keyed by content (an S3 ETag or a SHA-256), bounded in bytes, evicting the least
 * recently used entries. The HiL reference architecture puts such a cache between the rigs and S3 when the link
 * cannot carry the dataset in the test window (see {@link CachePlan}).
 *
 * <p>Safe against partial downloads: an entry is written to {@code tmp/} and atomically renamed into place, so a
 * crash leaves a stray temp file (deleted on the next start) but never a truncated entry. Last access is the
 * entry's modification time, updated on every hit, so the order survives restarts. One process per directory;
 * methods are synchronized for the threads of that process.
 */
public final class ContentAddressedCache {

    /** Writes the content into the given (new, empty) file. */
    @FunctionalInterface
    public interface Download {
        void into(Path file) throws IOException;
    }

    private final Path entries;
    private final Path temp;
    private final long maxBytes;
    private final Clock clock;

    public ContentAddressedCache(Path directory, long maxBytes, Clock clock) throws IOException {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("cache size must be positive (was " + maxBytes + ")");
        }
        this.entries = Files.createDirectories(directory.resolve("entries"));
        this.temp = Files.createDirectories(directory.resolve("tmp"));
        this.maxBytes = maxBytes;
        this.clock = clock;
        deleteStrayDownloads();
    }

    /**
     * The cached file for {@code contentKey}, downloading it first on a miss.
     *
     * @param expectedBytes the content's size, to make room before downloading; the download must match it
     */
    public synchronized Path get(String contentKey, long expectedBytes, Download download) throws IOException {
        Path entry = entries.resolve(fileName(contentKey));
        if (Files.exists(entry)) {
            Files.setLastModifiedTime(entry, FileTime.from(clock.instant()));
            return entry;
        }
        if (expectedBytes > maxBytes) {
            throw new IOException("object of " + expectedBytes + " bytes does not fit a cache of " + maxBytes
                    + " bytes; stream it instead");
        }
        evictUntilFree(expectedBytes);
        Path partial = temp.resolve(fileName(contentKey) + "." + UUID.randomUUID() + ".partial");
        try {
            download.into(partial);
            long actual = Files.size(partial);
            if (actual != expectedBytes) {
                throw new IOException("download of " + contentKey + " has " + actual + " bytes, expected "
                        + expectedBytes);
            }
            Files.move(partial, entry, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        Files.setLastModifiedTime(entry, FileTime.from(clock.instant()));
        return entry;
    }

    public synchronized boolean contains(String contentKey) {
        return Files.exists(entries.resolve(fileName(contentKey)));
    }

    public synchronized long usedBytes() throws IOException {
        long total = 0;
        for (Path entry : list()) {
            total += sizeOrZero(entry);
        }
        return total;
    }

    private void evictUntilFree(long needed) throws IOException {
        List<Path> all = list();
        long used = 0;
        for (Path entry : all) {
            used += sizeOrZero(entry);
        }
        all.sort(Comparator.comparing(ContentAddressedCache::lastAccess));
        for (Path oldest : all) {
            if (used + needed <= maxBytes) {
                return;
            }
            used -= sizeOrZero(oldest);
            Files.deleteIfExists(oldest);
        }
    }

    private List<Path> list() throws IOException {
        List<Path> all = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(entries)) {
            stream.forEach(all::add);
        }
        return all;
    }

    private static FileTime lastAccess(Path entry) {
        try {
            return Files.getLastModifiedTime(entry);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long sizeOrZero(Path entry) throws IOException {
        try {
            return Files.size(entry);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private void deleteStrayDownloads() throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(temp, "*.partial")) {
            for (Path stray : stream) {
                Files.deleteIfExists(stray);
            }
        }
    }

    /** Keys become file names: ETags carry quotes and dashes, so keep only safe characters. */
    static String fileName(String contentKey) {
        String safe = contentKey.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.startsWith(".")) {
            throw new IllegalArgumentException("content key '" + contentKey + "' makes no file name");
        }
        return safe;
    }
}
