package io.fleet.cloud.users;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleet user token | tokens | revoke}: a user's bearer tokens, through the running service as its admin. */
final class TokenCommands {

    private TokenCommands() {
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Issue a further token for an existing user (e.g. after the old one expired); prints it.")
    static final class Issue implements Callable<Integer> {

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private AdminApi service;

        @Parameters(index = "0", description = "the user")
        private String name;

        @Option(names = "--ttl-days", paramLabel = "DAYS",
                description = "days the token works; 0 = never expires (default: the service's users.tokenTtlDays)")
        private Integer ttlDays;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            AdminApi.Answer answer = service.call("POST", "/api/users/" + AdminApi.segment(name)
                    + "/tokens", ttlDays == null ? "{}" : "{\"ttlDays\":" + ttlDays + "}", 201, err);
            if (!answer.ok()) {
                return answer.exitCode();
            }
            return saveIssued(name, answer.body(), service.tokenFiles(), spec);
        }
    }

    @Command(name = "tokens", mixinStandardHelpOptions = true,
            description = "List a user's tokens: id, issued, expires (never the token itself).")
    static final class ListTokens implements Callable<Integer> {

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private AdminApi service;

        @Parameters(index = "0", description = "the user")
        private String name;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AdminApi.Answer answer = service.call("GET", "/api/users/" + AdminApi.segment(name)
                    + "/tokens", null, 200, err);
            if (!answer.ok()) {
                return answer.exitCode();
            }
            out.printf(Locale.ROOT, "%-8s %-24s %s%n", "ID", "ISSUED", "EXPIRES");
            for (JsonNode token : AdminApi.JSON.readTree(answer.body()).path("tokens")) {
                out.printf(Locale.ROOT, "%-8d %-24s %s%s%n", token.path("id").asLong(),
                        Instant.ofEpochMilli(token.path("createdAt").asLong()), expires(token),
                        token.path("expired").asBoolean() ? " (expired)" : "");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke one of a user's tokens by id (see `user tokens`): refused from now on.")
    static final class Revoke implements Callable<Integer> {

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private AdminApi service;

        @Parameters(index = "0", description = "the user")
        private String name;

        @Parameters(index = "1", description = "the token's id")
        private long tokenId;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            AdminApi.Answer answer = service.call("DELETE", "/api/users/" + AdminApi.segment(name)
                    + "/tokens/" + tokenId, null, 204, err);
            if (!answer.ok()) {
                return answer.exitCode();
            }
            spec.commandLine().getOut().println("token " + tokenId + " of " + name + " revoked");
            return 0;
        }
    }

    /**
     * Prints a token the service just issued ({@code {"token":..., "tokenId":..., "expiresAt":...}}) and keeps the
     * user's copy in their token file.
     */
    static int saveIssued(String name, String body, TokenFiles files, picocli.CommandLine.Model.CommandSpec spec)
            throws IOException {
        JsonNode issued = AdminApi.JSON.readTree(body);
        files.write(name, issued.path("token").asText());
        spec.commandLine().getOut().println(issued.path("token").asText());
        spec.commandLine().getErr().println("token " + issued.path("tokenId").asLong() + " of " + name + ", expires "
                + expires(issued) + "; also saved in " + files.file(name));
        return 0;
    }

    private static String expires(JsonNode token) {
        JsonNode at = token.path("expiresAt");
        return at.isNumber() ? Instant.ofEpochMilli(at.asLong()).toString() : "never";
    }
}
