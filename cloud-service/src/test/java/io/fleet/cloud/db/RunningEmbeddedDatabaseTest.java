package io.fleet.cloud.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.cloud.config.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a worker process finds the embedded PostgreSQL of a service's data dir, and what it says when it cannot. */
class RunningEmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void theUrlComesFromThePostmasterPidFilesPortAndThePasswordFromTheCredentialsFile() throws IOException {
        Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(dataDir.resolve("postgres/postmaster.pid"),
                "4242\n" + dataDir.resolve("postgres") + "\n1765140000\n41234\n/tmp\nlocalhost\n  1 2\nready\n");
        DatabaseCredentials credentials = DatabaseCredentials.loadOrCreate(
                dataDir.resolve(DatabaseCredentials.FILE_NAME));

        DatabaseConfig found = Database.runningEmbedded(dataDir, 3);

        assertThat(found).isEqualTo(DatabaseConfig.server("jdbc:postgresql://localhost:41234/postgres",
                "fleet", credentials.servicePassword(), 3));
    }

    @Test
    void noRunningServerOrAnUnreadablePidFileIsAnErrorNamingTheFile() throws IOException {
        assertThatThrownBy(() -> Database.runningEmbedded(dataDir, 3)).isInstanceOf(IOException.class)
                .hasMessageContaining("postmaster.pid not found").hasMessageContaining("--jdbc-url");
        Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(dataDir.resolve("postgres/postmaster.pid"), "4242\n/x\n1765140000\nnot-a-port\n");
        assertThatThrownBy(() -> Database.runningEmbedded(dataDir, 3)).isInstanceOf(IOException.class)
                .hasMessageContaining("postmaster.pid, line 4").hasMessageContaining("'not-a-port'");
    }
}
