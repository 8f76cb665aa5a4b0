package io.fleet.model.can.dbc;

import io.fleet.model.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The DBC files the tests read: real ones from {@code testdata/} and our example from the device agent. */
public final class DbcTestFiles {

    private DbcTestFiles() {
    }

    /** The repository root: the folder that holds {@code testdata/}. */
    public static Path repositoryRoot() {
        return TestData.root().getParent();
    }

    public static Path j1939Demo() {
        return TestData.cssElectronics("CSS-Electronics-SAE-J1939-DEMO.dbc");
    }

    public static Path gnss() {
        return TestData.cssElectronics("gnss.dbc");
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
