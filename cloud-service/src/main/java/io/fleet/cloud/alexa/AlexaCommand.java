package io.fleet.cloud.alexa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleet.cloud.users.TokenFiles;
import java.io.Console;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fleet alexa "open my trunk" --user alice}: a local stand-in for {@code ask dialog}. Resolves the utterance
 * against the interaction model, sends the IntentRequest to a running service's {@code POST /alexa} and prints what
 * Alexa would say. When genie asks for the voice PIN (unlock, open), it answers with {@code --pin} or what is typed
 * on the terminal (not echoed) in a follow-up request of the same session, as Alexa does, and prints the final answer;
 * the question goes to stderr. The service must run with Alexa verification off ({@code ./fleet demo} does), since this
 * command cannot sign requests as Amazon does.
 */
@Command(name = "alexa", mixinStandardHelpOptions = true,
        description = {"Say something to the genie Alexa skill of a running cloud service and print its answer.",
            "Example: alexa \"open my trunk\" --user alice"})
public final class AlexaCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "UTTERANCE", description = "what you would say after \"Alexa, ask genie\"")
    private String utterance;

    @Option(names = "--user", description = "the linked account: reads its token from <data-dir>/users/<user>.token, "
            + "written by `user add` and the demo")
    private String user;

    @Option(names = "--token", description = "the linked account's app API token (instead of --user)")
    private String token;

    @Option(names = "--data-dir", defaultValue = "data", description = "the service's data directory (default ./data)")
    private Path dataDir;

    @Option(names = {"--api", "--url"}, defaultValue = "http://127.0.0.1:8080",
            description = "the running service (default ${DEFAULT-VALUE})")
    private URI url;

    @Option(names = "--locale", defaultValue = "en-US",
            description = "en-US, en-GB or en-IN (default ${DEFAULT-VALUE})")
    private String locale;

    @Option(names = "--application-id", defaultValue = "amzn1.ask.skill.fleet-local",
            description = "the skill id to put in the request (default ${DEFAULT-VALUE})")
    private String applicationId;

    @Option(names = "--pin", description = "the voice PIN to answer with when genie asks for it (unlock, open); "
            + "without it the PIN is asked for on the terminal, not echoed")
    private String pin;

    @Option(names = "--show-request", description = "print the request envelopes sent")
    private boolean showRequest;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!InteractionModel.LOCALES.contains(locale)) {
            err.println("alexa: unknown locale " + locale + " (one of " + InteractionModel.LOCALES + ")");
            return 2;
        }
        String accessToken = token;
        if (accessToken == null && user != null) {
            TokenFiles files = new TokenFiles(dataDir);
            Optional<String> saved = user.matches("[A-Za-z0-9._@-]{1,64}") ? files.read(user) : Optional.empty();
            if (saved.isEmpty() || saved.get().isEmpty()) {
                err.println("alexa: no token for user " + user + ": " + files.file(user) + " does not exist (create "
                        + "the user with ./fleet user add " + user + " --vehicle <id>, or pass --token)");
                return 2;
            }
            accessToken = saved.get();
        }
        InteractionModel model = InteractionModel.load(locale);
        UtteranceResolver.Resolution resolution = new UtteranceResolver(model).resolve(utterance);
        RequestEnvelopeBuilder builder = new RequestEnvelopeBuilder(model, applicationId, accessToken);
        ObjectNode envelope = builder.build(resolution, Instant.now());
        Optional<JsonNode> answer = send(envelope);
        Optional<JsonNode> pinQuestion = answer.flatMap(a -> elicitation(a, VoicePinGate.PIN_SLOT));
        if (pinQuestion.isPresent()) {
            Optional<String> spoken = pin(SpokenAnswer.speech(answer.get()), err);
            if (spoken.isPresent()) {
                envelope = builder.answer(envelope, pinQuestion.get().get("updatedIntent"), VoicePinGate.PIN_SLOT,
                        spoken.get(), Instant.now());
                answer = send(envelope);
            }
        }
        if (answer.isEmpty()) {
            return 1;
        }
        out.println(SpokenAnswer.of(answer.get()));
        out.flush();
        return 0;
    }

    /** Posts one request envelope; the response envelope, or empty after saying on stderr why there is none. */
    private Optional<JsonNode> send(ObjectNode envelope) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (showRequest) {
            spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(envelope));
        }
        HttpResponse<String> response;
        URI endpoint = url.resolve("/alexa");
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(15))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(envelope))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("alexa: no cloud service at " + url + " (start one with ./fleet demo)");
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            err.println("alexa: " + endpoint + " answered " + response.statusCode() + " " + response.body()
                    + (response.statusCode() == 400 ? " (is Alexa verification on? ./fleet demo turns it off)" : ""));
            return Optional.empty();
        }
        return Optional.of(JSON.readTree(response.body()));
    }

    /** The Dialog.ElicitSlot directive of {@code response} for {@code slot}, if it has one. */
    static Optional<JsonNode> elicitation(JsonNode response, String slot) {
        for (JsonNode directive : response.path("response").path("directives")) {
            if ("Dialog.ElicitSlot".equals(directive.path("type").asText())
                    && slot.equals(directive.path("slotToElicit").asText())) {
                return Optional.of(directive);
            }
        }
        return Optional.empty();
    }

    /**
     * The PIN to answer {@code question} with: {@code --pin} (the question goes to stderr as a transcript), else
     * asked on the terminal without echo; empty without either.
     */
    private Optional<String> pin(String question, PrintWriter err) {
        if (pin != null) {
            err.println("genie: " + question);
            return Optional.of(pin);
        }
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        char[] typed = console.readPassword("genie: %s ", question);
        return typed == null ? Optional.empty() : Optional.of(new String(typed).trim());
    }

    /** The text of a response envelope's speech, plus what a device would show or do besides speaking. */
    static final class SpokenAnswer {
        private SpokenAnswer() {
        }

        static String speech(JsonNode response) {
            JsonNode r = response.path("response");
            return r.at("/outputSpeech/ssml").asText(r.at("/outputSpeech/text").asText(""))
                    .replaceAll("<[^>]+>", "").trim();
        }

        static String of(JsonNode response) {
            JsonNode r = response.path("response");
            StringBuilder text = new StringBuilder(speech(response));
            if ("LinkAccount".equals(r.at("/card/type").asText())) {
                text.append("\n(card in the Alexa app: link your account)");
            }
            for (JsonNode directive : r.path("directives")) {
                boolean elicits = "Dialog.ElicitSlot".equals(directive.path("type").asText());
                if (elicits && VoicePinGate.PIN_SLOT.equals(directive.path("slotToElicit").asText())) {
                    text.append("\n(genie waits for your voice PIN: pass --pin, or run this in a terminal to be "
                            + "asked)");
                } else if (elicits) {
                    text.append("\n(genie waits for the ").append(directive.path("slotToElicit").asText())
                            .append(": say the whole request again with it, e.g. \"... on demo car 2\")");
                }
            }
            return text.toString();
        }
    }
}
