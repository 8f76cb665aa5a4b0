package io.fleet.rig.failure;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An input or output of a rig command that failed, said in one line: what it is (a file, an {@code s3://} URL, an
 * output URI) and why, e.g. {@code cannot read rt/logs/drive.log: no such file}. The JDK's own messages name only
 * the path ({@code NoSuchFileException}) or only the reason ({@code "Is a directory"}); this names both.
 */
public final class IoFailure extends IOException {

    /** Reasons by exception type, checked in order: the specific file-system ones before their superclass. */
    private static final List<Map.Entry<Class<? extends Throwable>, String>> REASONS = List.of(
            Map.entry(NoSuchFileException.class, "no such file"),
            Map.entry(AccessDeniedException.class, "permission denied"),
            Map.entry(NotDirectoryException.class, "not a directory"),
            Map.entry(BindException.class, "address already in use"),
            Map.entry(ConnectException.class, "connection refused"),
            Map.entry(NoRouteToHostException.class, "no route to host"),
            Map.entry(SocketTimeoutException.class, "timed out"));

    private IoFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** E.g. {@code cannot read s3://logs/a.log: no such key (endpoint http://127.0.0.1:9000)}. */
    public static IoFailure of(String action, String subject, String reason, Throwable cause) {
        return new IoFailure("cannot " + action + " " + subject + ": " + reason, cause);
    }

    /** A local input that could not be read. */
    public static IoFailure reading(Path file, IOException cause) {
        return of("read", file.toString(), reason(cause), cause);
    }

    /** A local output that could not be written; a missing directory is named as such. */
    public static IoFailure writing(Path file, IOException cause) {
        Path parent = file.toAbsolutePath().getParent();
        String reason = cause instanceof NoSuchFileException && parent != null && !Files.isDirectory(parent)
                ? "no such directory " + parent : reason(cause);
        return of("write", file.toString(), reason, cause);
    }

    /** The reason of a JDK I/O or network failure in a few words, without the path it would repeat. */
    public static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String known = knownReason(cause);
            if (known != null) {
                return known;
            }
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private static String knownReason(Throwable cause) {
        for (Map.Entry<Class<? extends Throwable>, String> known : REASONS) {
            if (known.getKey().isInstance(cause)) {
                return known.getValue();
            }
        }
        if (cause instanceof FileSystemException e && e.getReason() != null) {
            return e.getReason().toLowerCase(Locale.ROOT);
        }
        if (cause instanceof UnknownHostException e) {
            return "unknown host " + e.getMessage();
        }
        if (cause instanceof IOException && "Is a directory".equals(cause.getMessage())) {
            return "is a directory";
        }
        return null;
    }
}
