package io.fleet.agent.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.model.vehicle.LastCommand;
import io.fleet.model.vehicle.VehicleState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's journal on local disk: one JSON file replaced atomically (write a temp file, fsync it, rename it over
 * the old one, fsync the directory), so a crash at any moment leaves either the old or the new journal. Used only
 * by the agent thread.
 */
public final class Journal {

    static final String FILE = "journal.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public Journal(Path dir) {
        this.dir = dir;
    }

    public Path file() {
        return dir.resolve(FILE);
    }

    /**
     * The stored journal, or an empty one when none was written yet. Creates the directory, so that a location the
     * agent cannot write fails at start and not at the first command.
     */
    public JournalState load() throws IOException {
        Path file = file();
        if (!Files.exists(file)) {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new IOException("the journal directory " + dir + " is not writable");
            }
            return JournalState.empty();
        }
        Map<String, Object> root = JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
        Map<String, AppliedDesired> applied = new TreeMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> storedApplied = (Map<String, Map<String, Object>>) root.get("applied");
        if (storedApplied != null) {
            storedApplied.forEach((path, a) -> applied.put(path, new AppliedDesired(
                    ((Number) a.get("version")).longValue(), a.get("value"),
                    ((Number) a.get("desiredTimestamp")).longValue())));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> reported = (Map<String, Object>) root.get("reported");
        return new JournalState(applied, reported == null ? null : VehicleState.of(reported),
                command(root.get("lastCommand")), Boolean.TRUE.equals(root.get("reportPending")),
                command(root.get("inFlight")));
    }

    @SuppressWarnings("unchecked")
    private static LastCommand command(Object stored) {
        return stored == null ? null : LastCommand.fromMap((Map<String, Object>) stored);
    }

    public void save(JournalState state) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> applied = new TreeMap<>();
        state.applied().forEach((path, a) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("version", a.version());
            entry.put("value", a.value());
            entry.put("desiredTimestamp", a.desiredTimestamp());
            applied.put(path, entry);
        });
        root.put("applied", applied);
        root.put("reported", state.reported() == null ? null : state.reported().leaves());
        root.put("lastCommand", state.lastCommand() == null ? null : state.lastCommand().toMap());
        root.put("reportPending", state.reportPending());
        root.put("inFlight", state.inFlight() == null ? null : state.inFlight().toMap());
        writeAtomically(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    private void writeAtomically(byte[] content) throws IOException {
        Files.createDirectories(dir);
        Path temp = dir.resolve(FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the journal directory " + dir + " does not support atomic rename", e);
        }
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot fsync a directory; the rename is still atomic there.
        }
    }
}
