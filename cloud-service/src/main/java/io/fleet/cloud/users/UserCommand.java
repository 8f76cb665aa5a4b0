package io.fleet.cloud.users;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./fleet user add alice --vehicle demo-car-1}: asks the running service (as its admin, with the token in
 * {@code <dataDir>/users/admin.token}) to create a user, prints the new token and keeps a copy in
 * {@code <dataDir>/users/<name>.token} for local tools such as {@code ./fleet alexa --user}.
 */
@Command(name = "user", description = "Manage app, console and Alexa users of a running service.",
        subcommands = {UserCommand.Add.class, UserPinCommand.class}, mixinStandardHelpOptions = true)
public final class UserCommand implements Runnable {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a user bound to vehicles; prints the user's bearer token.")
    static final class Add implements Callable<Integer> {

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", description = "user name (a-z A-Z 0-9 . _ -)")
        private String name;

        @Option(names = "--vehicle", description = "a vehicle (thing name) the user owns; repeat for several")
        private List<String> vehicles = new ArrayList<>();

        @Option(names = "--admin", description = "an administrator, who sees every vehicle")
        private boolean admin;

        @Option(names = "--api", defaultValue = "http://127.0.0.1:8080", description = "the service (${DEFAULT-VALUE})")
        private URI api;

        @Option(names = "--data-dir", defaultValue = "data",
                description = "the service's data directory with users/admin.token (${DEFAULT-VALUE})")
        private Path dataDir;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TokenFiles files = new TokenFiles(dataDir);
            var adminToken = files.read("admin");
            if (adminToken.isEmpty()) {
                err.println(files.file("admin") + " not found: start the service first (./fleet demo), or pass "
                        + "--data-dir of the running service");
                return 2;
            }
            StringBuilder body = new StringBuilder("{\"name\":").append(quote(name)).append(",\"role\":\"")
                    .append(admin ? "ADMIN" : "OWNER").append("\",\"vehicles\":[");
            for (int i = 0; i < vehicles.size(); i++) {
                body.append(i == 0 ? "" : ",").append(quote(vehicles.get(i)));
            }
            body.append("]}");
            HttpResponse<String> response;
            try {
                response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                        HttpRequest.newBuilder(api.resolve("/api/users"))
                                .header("Authorization", "Bearer " + adminToken.get())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                err.println("cannot reach the service at " + api + ": " + e.getMessage() + " (is it running?)");
                return 2;
            }
            if (response.statusCode() != 201) {
                err.println("the service refused: HTTP " + response.statusCode() + " " + response.body());
                return 1;
            }
            String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body())
                    .path("token").asText();
            files.write(name, token);
            out.println(token);
            err.println("user " + name + " created; token also saved in " + files.file(name));
            return 0;
        }

        private static String quote(String s) {
            return new com.fasterxml.jackson.databind.node.TextNode(s).toString();
        }
    }
}
