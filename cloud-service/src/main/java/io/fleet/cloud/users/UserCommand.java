package io.fleet.cloud.users;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./fleet user add alice --vehicle demo-car-1}: asks the running service (as its admin, with the token in
 * {@code <dataDir>/users/admin.token}) to create a user, prints the new token and keeps a copy in
 * {@code <dataDir>/users/<name>.token} for local tools such as {@code ./fleet alexa --user}. {@code user token},
 * {@code user tokens} and {@code user revoke} manage a user's tokens the same way ({@link TokenCommands}).
 */
@Command(name = "user", description = "Manage app, console and Alexa users of a running service.",
        subcommands = {UserCommand.Add.class, UserPinCommand.class, TokenCommands.Issue.class,
                TokenCommands.ListTokens.class, TokenCommands.Revoke.class}, mixinStandardHelpOptions = true)
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

        @Mixin
        private AdminApi service;

        @Parameters(index = "0", description = "user name (a-z A-Z 0-9 . _ -)")
        private String name;

        @Option(names = "--vehicle", description = "a vehicle (thing name) the user owns; repeat for several")
        private List<String> vehicles = new ArrayList<>();

        @Option(names = "--admin", description = "an administrator, who sees every vehicle")
        private boolean admin;

        @Option(names = "--ttl-days", paramLabel = "DAYS",
                description = "days the token works; 0 = never expires (default: the service's users.tokenTtlDays)")
        private Integer ttlDays;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            StringBuilder body = new StringBuilder("{\"name\":").append(AdminApi.quote(name)).append(",\"role\":\"")
                    .append(admin ? "ADMIN" : "OWNER").append("\",\"vehicles\":[");
            for (int i = 0; i < vehicles.size(); i++) {
                body.append(i == 0 ? "" : ",").append(AdminApi.quote(vehicles.get(i)));
            }
            body.append("]");
            if (ttlDays != null) {
                body.append(",\"ttlDays\":").append(ttlDays);
            }
            body.append("}");
            AdminApi.Answer answer = service.call("POST", "/api/users", body.toString(), 201, err);
            if (!answer.ok()) {
                return answer.exitCode();
            }
            err.println("user " + name + " created");
            return TokenCommands.saveIssued(name, answer.body(), service.tokenFiles(), spec);
        }
    }
}
