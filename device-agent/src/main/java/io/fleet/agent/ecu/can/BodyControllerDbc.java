package io.fleet.agent.ecu.can;

import io.fleet.model.can.dbc.DbcDatabase;
import io.fleet.model.can.dbc.DbcParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The DBC the CAN adapter speaks: a file given by the user, or the bundled {@code dbc/body-controller.dbc}. */
public final class BodyControllerDbc {

    /** Class-path resource of the bundled DBC; the file lives in {@code device-agent/src/main/resources}. */
    public static final String RESOURCE = "/dbc/body-controller.dbc";

    private BodyControllerDbc() {
    }

    /** The bundled DBC. */
    public static DbcDatabase bundled() throws IOException {
        try (InputStream in = BodyControllerDbc.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the bundled DBC " + RESOURCE + " is missing from the class path");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return DbcParser.parse("body-controller.dbc", reader);
            }
        }
    }

    /** {@code file}, or the bundled DBC when it is null. Parse errors name the file, line and column. */
    public static DbcDatabase load(Path file) throws IOException {
        return file == null ? bundled() : DbcParser.parse(file);
    }
}
