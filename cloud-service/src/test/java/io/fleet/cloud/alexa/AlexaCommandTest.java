package io.fleet.cloud.alexa;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fleet alexa} against {@code POST /alexa} of a Vert.x server with verification off, as in the demo. */
class AlexaCommandTest {

    private static Vertx vertx;
    private static String url;
    private static final FakeFleet FLEET = new FakeFleet();

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new AlexaHttpEndpoint(new GenieSkill(FLEET, FLEET, FLEET), AlexaSettings.unverified(), request -> {
        }, Executors.newSingleThreadExecutor()).mount(router);
        int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        url = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new AlexaCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString().trim(), err.toString().trim());
    }

    @Test
    void readsTheUsersTokenFileAndPrintsTheSpokenAnswer() throws Exception {
        Files.createDirectories(dataDir.resolve("users"));
        Files.writeString(dataDir.resolve("users/alice.token"), "alice-token\n");

        Run run = run("open my trunk", "--user", "alice", "--data-dir", dataDir.toString(), "--url", url,
                "--pin", "1234");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo("genie: What is your voice PIN?");
        assertThat(run.out()).isEqualTo("Your trunk is open.");
        assertThat(FLEET.submits).anySatisfy(s -> assertThat(s.attribute()).isEqualTo("trunk"));
    }

    @Test
    void withoutAPinOrATerminalThePinQuestionIsPrintedAndNothingOpens() {
        int before = FLEET.submits.size();

        Run run = run("unlock my car", "--token", "alice-token", "--url", url);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("What is your voice PIN?\n(genie waits for your voice PIN: pass --pin, or run "
                + "this in a terminal to be asked)");
        assertThat(FLEET.submits).hasSize(before);
    }

    @Test
    void aTokenCanBeGivenDirectly() {
        Run run = run("is my car locked", "--token", "alice-token", "--url", url);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("Your car hasn't reported that yet.");
    }

    @Test
    void severalCarsAreAskedAbout() {
        Run run = run("lock my car", "--token", "bob-token", "--url", url);

        assertThat(run.out()).startsWith("Which car: demo car 1 or demo car 2?")
                .contains("genie waits for the vehicle");
    }

    @Test
    void aMissingTokenFileSaysHowToMakeOne() {
        Run run = run("open my trunk", "--user", "nobody", "--data-dir", dataDir.toString(), "--url", url);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("nobody.token").contains("./fleet user add nobody");
    }

    @Test
    void noServiceIsReported() {
        Run run = run("open my trunk", "--token", "t", "--url", "http://127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no cloud service");
    }
}
