package io.fleet.cloud.alexa;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.AppApiClient;
import io.fleet.cloud.api.ScriptedVehicle;
import io.fleet.cloud.config.AlexaConfig;
import io.fleet.cloud.users.User;
import io.fleet.cloud.users.UserCommand;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * End to end: {@code fleet alexa} -> {@code POST /alexa} -> the skill with the service's real users, voice PINs and
 * vehicles -> shadow desired -> a car speaking MQTT with its own certificate -> its reported outcome -> the spoken
 * answer. Voice PINs are set with {@code fleet user pin} through the app API.
 */
class AlexaIT {

    private static RunningCloud cloud;
    private static String alexaBase;
    private static String token;
    private static ScriptedVehicle car;

    @BeforeAll
    static void start() throws Exception {
        // The service's own POST /alexa, with request verification off as in the demo (the CLI cannot sign).
        cloud = RunningCloud.start(config -> config.withAlexa(AlexaConfig.unverified()));
        token = cloud.service().users().addUser("alexa-owner", User.Role.OWNER, List.of("alexa-car"));
        alexaBase = cloud.httpBase();
        Run pin = setPin("alexa-owner", "2468\n");
        assertThat(pin.exit()).as(pin.err()).isZero();
        // Refuses to open doors as the real agent does while driving; does everything else.
        car = new ScriptedVehicle(cloud, "alexa-car", (path, value) -> path.startsWith("doors.")
                && "open".equals(value.asText())
                ? new String[] {"REJECTED", "vehicle is moving (speed 30 km/h): " + path + " cannot open"}
                : new String[] {"SUCCEEDED", null});
        car.report("{\"lock\":\"unlocked\",\"trunk\":\"closed\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        if (car != null) {
            car.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Object command, InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream systemIn = System.in;
        System.setIn(stdin);
        try {
            CommandLine cli = new CommandLine(command);
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            int exit = cli.execute(args);
            return new Run(exit, out.toString().trim(), err.toString().trim());
        } finally {
            System.setIn(systemIn);
        }
    }

    /** {@code fleet user pin <user> --pin-stdin} as the service's admin, with {@code stdin} typed in. */
    private static Run setPin(String user, String stdin) {
        return run(new UserCommand(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), "pin", user,
                "--pin-stdin", "--api", alexaBase, "--data-dir", cloud.root().resolve("data").toString());
    }

    private static Run sayAs(String accessToken, String utterance, String... more) {
        List<String> args = new ArrayList<>(List.of(utterance, "--token", accessToken, "--api", alexaBase));
        args.addAll(List.of(more));
        return run(new AlexaCommand(), System.in, args.toArray(String[]::new));
    }

    private static String say(String utterance) {
        Run run = sayAs(token, utterance, "--pin", "2468");
        assertThat(run.exit()).as(run.err()).isZero();
        return run.out();
    }

    @Test
    void openMyTrunkIsConfirmedByTheCarAndThenReported() {
        assertThat(say("open my trunk")).isEqualTo("Your trunk is open.");
        assertThat(say("is my trunk open")).isEqualTo("Your trunk is open.");
    }

    @Test
    void aRefusalIsSpokenWithTheCarsReason() {
        assertThat(say("open the driver's door")).isEqualTo("I couldn't open the front left door because the car is "
                + "moving.");
    }

    @Test
    void unlockingAsksForTheVoicePinAndTheCliAnswersWithIt() {
        Run run = sayAs(token, "unlock my car", "--pin", "2468");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo("genie: What is your voice PIN?");
        assertThat(run.out()).isEqualTo("Your car is unlocked.");
        assertThat(say("is my car locked")).isEqualTo("Your car is unlocked.");
    }

    @Test
    void withoutAPinTheCliShowsTheQuestionAndNothingOpens() {
        Run run = sayAs(token, "open the rear left window");

        assertThat(run.out()).startsWith("What is your voice PIN?").contains("genie waits for your voice PIN");
    }

    @Test
    void aUserWithoutAPinIsToldHowToSetOneThenFleetUserPinSetsItAndThreeWrongOnesLock() throws Exception {
        String dana = cloud.service().users().addUser("dana", User.Role.OWNER, List.of("alexa-car"));

        assertThat(sayAs(dana, "unlock my car", "--pin", "1357").out()).isEqualTo("Unlocking or opening by voice needs "
                + "a voice PIN, and you haven't set one. Set it with the command: fleet user pin dana.");

        Run set = setPin("dana", "1357\n");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out() + set.err()).doesNotContain("1357");
        assertThat(sayAs(dana, "open my trunk", "--pin", "1357").out()).isEqualTo("Your trunk is open.");

        assertThat(sayAs(dana, "unlock my car", "--pin", "0000").out()).isEqualTo("That PIN isn't right. After 2 more "
                + "wrong PINs, voice unlock is locked for 15 minutes.");
        assertThat(sayAs(dana, "unlock my car", "--pin", "0001").out()).contains("After one more wrong PIN");
        assertThat(sayAs(dana, "unlock my car", "--pin", "0002").out()).isEqualTo("Voice unlock is locked for 15 "
                + "minutes after 3 wrong PINs. Try again in 15 minutes.");
        assertThat(sayAs(dana, "unlock my car", "--pin", "1357").out()).startsWith("Voice unlock is locked");
        assertThat(sayAs(dana, "lock my car").out()).as("locking needs no PIN").isEqualTo("Your car is locked.");
    }

    @Test
    void fleetUserPinRefusesAMalformedPinWithoutAskingTheService() {
        Run run = setPin("alexa-owner", "12345\n");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("user pin: the PIN must be exactly 4 digits (0-9); nothing was changed");
        assertThat(say("open my trunk")).as("the old PIN still works").isEqualTo("Your trunk is open.");
    }

    @Test
    void theApiLetsOnlyAnAdminOrTheUserThemselfSetAWellFormedPin() throws Exception {
        String erin = cloud.service().users().addUser("erin", User.Role.OWNER, List.of("erin-car"));
        AppApiClient asErin = new AppApiClient(alexaBase, erin);

        assertThat(asErin.put("/api/users/alexa-owner/pin", "{\"pin\":\"1111\"}").status()).isEqualTo(403);
        AppApiClient.Reply malformed = asErin.put("/api/users/erin/pin", "{\"pin\":\"12\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("message").asText()).isEqualTo("pin must be exactly 4 digits (0-9)");
        assertThat(asErin.post("/api/me/voice-pin/check", "{}").body().path("result").asText()).isEqualTo("NOT_SET");
        assertThat(asErin.put("/api/users/erin/pin", "{\"pin\":\"1111\"}").status()).isEqualTo(204);
        assertThat(asErin.post("/api/me/voice-pin/check", "{\"pin\":\"1111\"}").body().path("result").asText())
                .isEqualTo("ACCEPTED");
        AppApiClient admin = new AppApiClient(alexaBase, cloud.service().tokenFiles().read("admin").orElseThrow());
        assertThat(admin.put("/api/users/nobody-at-all/pin", "{\"pin\":\"1111\"}").status()).isEqualTo(404);
        assertThat(say("open my trunk")).as("alexa-owner's PIN untouched").isEqualTo("Your trunk is open.");
    }

    @Test
    void lockingIsConfirmedAndTheStatusQuestionAgrees() {
        assertThat(say("lock my car")).isEqualTo("Your car is locked.");
        assertThat(say("is my car locked")).isEqualTo("Your car is locked.");
    }
}
