package io.fleet.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fleet.cloud.db.Database;
import io.fleet.cloud.db.EmbeddedDatabaseExtension;
import io.fleet.cloud.shadow.RecordingPublisher;
import io.fleet.cloud.shadow.ShadowCommitLanes;
import io.fleet.cloud.shadow.ShadowRepository;
import io.fleet.cloud.shadow.ShadowService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Requests the router itself cannot take (a malformed percent-encoding in the path) are answered 400 and logged
 * once per kind of error, in one line without a stack trace, however often they come: a client must not be able
 * to flood the log. Everything logged in the process during a test is captured from Logback's root logger.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class RouterErrorLoggingIT {

    private static ShadowCommitLanes lanes;
    private static HttpApiServer server;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeAll
    static void start(Database db) throws Exception {
        ShadowRepository repository = new ShadowRepository(db.dataSource());
        lanes = new ShadowCommitLanes(repository, 1, 64, 100, Thread::new);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ShadowService service = new ShadowService(lanes, repository, new RecordingPublisher(), Clock.systemUTC(),
                Executors.newSingleThreadExecutor(), metrics);
        server = HttpApiServer.start("127.0.0.1", 0, service, null, metrics,
                () -> new HealthReport(Map.of("database", true)), List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        lanes.close();
    }

    @BeforeEach
    void captureLog() {
        logged.start();
        rootLogger().addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        rootLogger().detachAppender(logged);
    }

    @Test
    void aMalformedPercentEncodingIsA400AndLoggedAtMostOnceWithoutStackTrace() throws Exception {
        for (int i = 0; i < 50; i++) {
            RawResponse response = get("/things/a%zzb/shadow");

            assertThat(response.statusCode()).as("request %d", i + 1).isEqualTo(400);
            assertThat(response.body()).contains("\"code\":400");
        }

        assertThat(logged.list).as("log lines for 50 bad requests: %s", logged.list).hasSizeLessThanOrEqualTo(1);
        assertThat(logged.list).allSatisfy(event -> {
            assertThat(event.getThrowableProxy()).as("stack trace of %s", event).isNull();
            assertThat(event.getFormattedMessage()).doesNotContain("\n");
        });
    }

    @Test
    void goodRequestsStillWorkAfterBadOnes() throws Exception {
        get("/things/a%zzb/shadow");

        assertThat(get("/things/router-ok/shadow").statusCode()).isEqualTo(404);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    /** A GET written on a plain socket: java.net.http refuses to send a malformed URI at all. */
    private static RawResponse get(String pathAndQuery) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
            return new RawResponse(status, response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }

    private record RawResponse(int statusCode, String body) {
    }

    private static Logger rootLogger() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
