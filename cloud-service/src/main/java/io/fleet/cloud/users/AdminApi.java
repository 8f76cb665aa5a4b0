package io.fleet.cloud.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How the {@code fleet user} commands reach the running service (a picocli mixin): its app API at {@code --api},
 * as its admin, with the token the service keeps in {@code <data-dir>/users/admin.token}.
 */
public final class AdminApi {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** Exit code when the service could not be asked at all (not running, no admin token). */
    static final int UNREACHABLE = 2;
    /** Exit code when the service answered with a refusal. */
    static final int REFUSED = 1;

    @Option(names = "--api", defaultValue = "http://127.0.0.1:8080", description = "the service (${DEFAULT-VALUE})")
    URI api;

    @Option(names = "--data-dir", defaultValue = "data",
            description = "the service's data directory with users/admin.token (${DEFAULT-VALUE})")
    Path dataDir;

    TokenFiles tokenFiles() {
        return new TokenFiles(dataDir);
    }

    /**
     * What a call to the service ended with: the answer's body when it came with the expected status, otherwise the
     * exit code the command ends with after the reason was printed.
     */
    public record Answer(int exitCode, String body) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** {@code method path} with an optional JSON body as the admin, expecting {@code status}. */
    public Answer call(String method, String path, String jsonBody, int status, PrintWriter err)
            throws IOException, InterruptedException {
        return callAs("admin", method, path, jsonBody, status, err);
    }

    /** The same with the token the data dir keeps for {@code user}. */
    Answer callAs(String user, String method, String path, String jsonBody, int status, PrintWriter err)
            throws IOException, InterruptedException {
        Optional<HttpResponse<String>> response = send(user, method, path, jsonBody, err);
        if (response.isEmpty()) {
            return new Answer(UNREACHABLE, null);
        }
        if (response.get().statusCode() != status) {
            return new Answer(refused(response.get(), err), response.get().body());
        }
        return new Answer(0, response.get().body());
    }

    /**
     * Sends {@code method path} with an optional JSON body as {@code user}. Empty after printing to {@code err} why
     * the service could not be asked.
     */
    private Optional<HttpResponse<String>> send(String user, String method, String path, String jsonBody,
                                                PrintWriter err) throws IOException, InterruptedException {
        TokenFiles files = tokenFiles();
        Optional<String> adminToken = user.matches("[a-zA-Z0-9._-]{1,64}") ? files.read(user) : Optional.empty();
        if (adminToken.isEmpty()) {
            err.println(files.file(user) + " not found: start the service first (./fleet demo), or pass "
                    + "--data-dir of the running service");
            return Optional.empty();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + adminToken.get())
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return Optional.of(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            err.println("cannot reach the service at " + api + ": " + e.getMessage() + " (is it running?)");
            return Optional.empty();
        }
    }

    /** Prints the service's refusal (its error message when it sent one) and returns {@link #REFUSED}. */
    static int refused(HttpResponse<String> response, PrintWriter err) {
        String message = response.body();
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.path("message").isTextual()) {
                message = body.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON: print it as it came
        }
        err.println("the service refused: HTTP " + response.statusCode() + " " + message);
        return REFUSED;
    }

    /** A path segment, percent-encoded. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String quote(String s) {
        return new TextNode(s).toString();
    }
}
