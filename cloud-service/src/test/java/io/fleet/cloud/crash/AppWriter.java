package io.fleet.cloud.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.api.AppApiClient;
import java.util.function.Supplier;

/**
 * Adds users, or submits commands, through the app API: what it acknowledged (201 with a token, 202 with a command
 * id) must be there after a restart.
 */
abstract class AppWriter extends AcknowledgedWriter<String> {

    final Supplier<AppApiClient> admin;

    AppWriter(Supplier<AppApiClient> admin) {
        this.admin = admin;
    }

    /** Asserts that the acknowledged result is there after the restart. */
    abstract void verifyOne(String acknowledged) throws Exception;

    @Override
    String name() {
        return getClass().getSimpleName();
    }

    void verify() throws Exception {
        for (String ack : acknowledged()) {
            verifyOne(ack);
        }
    }

    /** {@code POST /api/users}: each acknowledged user's token still works. */
    static final class Users extends AppWriter {
        private final String base;

        Users(Supplier<AppApiClient> admin, String base) {
            super(admin);
            this.base = base;
        }

        @Override
        String send(long n) throws Exception {
            String name = "crash-user-" + n;
            AppApiClient.Reply r = admin.get().post("/api/users", "{\"name\":\"" + name + "\",\"vehicles\":[]}");
            if (r.status() != 201) {
                throw new IllegalStateException(name + ": " + r);
            }
            return name + " " + r.body().path("token").asText();
        }

        @Override
        void verifyOne(String ack) throws Exception {
            String[] nameAndToken = ack.split(" ");
            AppApiClient.Reply me = new AppApiClient(base, nameAndToken[1]).get("/api/me");
            assertThat(me.status()).as("acknowledged user %s", nameAndToken[0]).isEqualTo(200);
            assertThat(me.body().path("name").asText()).isEqualTo(nameAndToken[0]);
        }
    }

    /** {@code POST /api/vehicles/{vin}/commands}: each acknowledged command id is still known. */
    static final class Commands extends AppWriter {
        private final String vehicle;

        Commands(Supplier<AppApiClient> admin, String vehicle) {
            super(admin);
            this.vehicle = vehicle;
        }

        @Override
        String send(long n) throws Exception {
            AppApiClient.Reply r = admin.get().command(vehicle, "lock", n % 2 == 0 ? "\"locked\"" : "\"unlocked\"");
            if (r.status() != 202) {
                throw new IllegalStateException("command " + n + ": " + r);
            }
            return r.body().path("id").asText();
        }

        @Override
        void verifyOne(String id) throws Exception {
            AppApiClient.Reply r = admin.get().get("/api/vehicles/" + vehicle + "/commands/" + id);
            assertThat(r.status()).as("acknowledged command %s", id).isEqualTo(200);
        }
    }
}
