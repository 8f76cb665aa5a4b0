package io.fleet.model.can.dbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The DBC files the tests read: real ones from {@code testdata/} and our example from the device agent. */
public final class DbcTestFiles {

    private DbcTestFiles() {
    }

    /** The repository root, found by walking up from the working directory (Maven runs tests in the module). */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testdata/can"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no testdata/can above " + Path.of("").toAbsolutePath());
    }

    public static Path j1939Demo() {
        return repositoryRoot().resolve("testdata/can/css-electronics/CSS-Electronics-SAE-J1939-DEMO.dbc");
    }

    public static Path gnss() {
        return repositoryRoot().resolve("testdata/can/css-electronics/gnss.dbc");
    }

    public static Path bodyController() {
        return repositoryRoot().resolve("device-agent/src/main/resources/dbc/body-controller.dbc");
    }

    public static DbcDatabase parse(Path file) {
        try {
            return DbcParser.parse(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses DBC text given inline by a test. */
    public static DbcDatabase parseText(String text) {
        try {
            return DbcParser.parse("inline.dbc", text);
        } catch (DbcFormatException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
