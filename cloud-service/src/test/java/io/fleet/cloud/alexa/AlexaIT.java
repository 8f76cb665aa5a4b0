package io.fleet.cloud.alexa;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.api.ScriptedVehicle;
import io.fleet.cloud.config.CloudConfig;
import io.fleet.cloud.users.User;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * End to end: {@code fleet alexa} -> {@code POST /alexa} -> the skill with the service's real users and vehicles ->
 * shadow desired -> a car speaking MQTT with its own certificate -> its reported outcome -> the spoken answer.
 */
class AlexaIT {

    private static RunningCloud cloud;
    private static String alexaBase;
    private static String token;
    private static ScriptedVehicle car;

    @BeforeAll
    static void start() throws Exception {
        // The service's own POST /alexa, with request verification off as in the demo (the CLI cannot sign).
        cloud = RunningCloud.start(config -> config.withAlexa(new CloudConfig.Alexa(false, null)));
        token = cloud.service().users().addUser("alexa-owner", User.Role.OWNER, List.of("alexa-car"));
        // Refuses to open doors as the real agent does while driving; does everything else.
        car = new ScriptedVehicle(cloud, "alexa-car", (path, value) -> path.startsWith("doors.")
                && "open".equals(value.asText())
                ? new String[] {"REJECTED", "vehicle is moving (speed 30 km/h): " + path + " cannot open"}
                : new String[] {"SUCCEEDED", null});
        car.report("{\"lock\":\"unlocked\",\"trunk\":\"closed\"}");
        alexaBase = cloud.httpBase();
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

    private static String say(String utterance) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new AlexaCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(utterance, "--token", token, "--api", alexaBase);
        assertThat(exit).as(err.toString()).isZero();
        return out.toString().trim();
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
    void lockingIsConfirmedAndTheStatusQuestionAgrees() {
        assertThat(say("lock my car")).isEqualTo("Your car is locked.");
        assertThat(say("is my car locked")).isEqualTo("Your car is locked.");
    }
}
