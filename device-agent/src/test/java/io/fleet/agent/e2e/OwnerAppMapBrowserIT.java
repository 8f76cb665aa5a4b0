package io.fleet.agent.e2e;

import static io.fleet.agent.e2e.SimulatedCars.logIn;
import static io.fleet.agent.e2e.SimulatedCars.testId;
import static io.fleet.agent.e2e.SimulatedCars.visible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.fleet.agent.sync.DeviceAgent;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.config.AppConfig;
import io.fleet.cloud.console.HeadlessChromium;
import io.fleet.cloud.users.User;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner app's map (app.mapTiles) in headless Chromium with a tile server on loopback: the tile holding the car
 * loads (the page's content security policy allows that origin's images); when the tile server cannot be reached
 * the app shows the coordinates and a map link instead. Nothing leaves the machine.
 */
class OwnerAppMapBrowserIT {

    private static final String CAR = "map-it-car";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> REQUESTED = new CopyOnWriteArrayList<>();
    private static HttpServer tiles;
    private static RunningCloud cloud;

    @TempDir
    Path journals;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.executable().isPresent(),
                "chromium is not installed (apt-get install chromium; .ci/run installs it)");
        byte[] png = tilePng();
        tiles = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tiles.createContext("/", exchange -> {
            REQUESTED.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, png.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(png);
            }
        });
        tiles.start();
        String template = "http://127.0.0.1:" + tiles.getAddress().getPort() + "/{z}/{x}/{y}.png";
        cloud = RunningCloud.start(config -> config.withApp(new AppConfig(template)));
    }

    @AfterAll
    static void stop() {
        if (tiles != null) {
            tiles.stop(0);
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void theCarIsShownOnATileFromTheConfiguredServerAndAsCoordinatesWhenItCannotBeReached() throws Exception {
        String origin = "http://127.0.0.1:" + tiles.getAddress().getPort();
        String policy = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cloud.httpBase()
                + "/app/")).build(), HttpResponse.BodyHandlers.discarding()).headers()
                .firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("img-src 'self' data: " + origin + ";");

        String token = cloud.service().users().addUser("map-it-owner", User.Role.OWNER, List.of(CAR));
        try (DeviceAgent agent = SimulatedCars.start(cloud, CAR, journals);
             HeadlessChromium browser = HeadlessChromium.start()) {
            agent.firstConnection().get(20, TimeUnit.SECONDS);
            browser.viewport(390, 844, true);
            logIn(browser, cloud, "/app/", token, "car-view");
            browser.awaitText(testId("location-coordinates"), "48.13700, 11.57500", WAIT);

            browser.await("document.querySelector(\"" + testId("map") + "\")?.dataset.state === 'loaded'", WAIT,
                    "the map tile loads");
            assertThat(browser.evaluate("document.querySelector('img.map-tile').naturalWidth").asInt()).isEqualTo(256);
            // Munich at zoom 16: the slippy-map tile 34875/22743 (x = (lon + 180) / 360 * 2^16, y by Mercator)
            assertThat(REQUESTED).contains("/16/34875/22743.png");
            assertThat(browser.evaluate("(() => { const m = document.querySelector('.map-marker').style;"
                    + " return parseFloat(m.left) >= 0 && parseFloat(m.left) < 256 && parseFloat(m.top) >= 0"
                    + " && parseFloat(m.top) < 256; })()").asBoolean()).as("the marker sits on the tile").isTrue();
            assertThat(browser.text(testId("map-unavailable"))).isNotBlank();
            assertThat(browser.evaluate("document.querySelector(\"" + testId("map-unavailable") + "\").hidden")
                    .asBoolean()).isTrue();
            assertThat(browser.horizontalOverflow()).as("no sideways scrolling with the map").isLessThanOrEqualTo(0);

            tiles.stop(0); // the tile server is gone: as offline, or a server that refuses without a key
            browser.navigate(cloud.httpBase() + "/app/");
            browser.await(visible("car-view"), WAIT, "the car opens again");
            browser.await("document.querySelector(\"" + testId("map") + "\")?.dataset.state === 'failed'", WAIT,
                    "the tile fails to load");
            browser.await(visible("map-unavailable"), WAIT, "the app says the map could not load");
            assertThat(browser.evaluate("document.querySelector(\"" + testId("map") + "\").hidden").asBoolean())
                    .as("no broken image").isTrue();
            assertThat(browser.text(testId("location-coordinates"))).isEqualTo("48.13700, 11.57500");
            assertThat(browser.evaluate("document.querySelector(\"" + testId("location-link") + "\").href").asText())
                    .startsWith("https://www.openstreetmap.org/?mlat=48.137&mlon=11.575");
            assertThat(browser.problems()).as("problems other than the unreachable tile\n" + browser.diagnostics())
                    .allMatch(problem -> problem.contains(origin) || problem.contains("ERR_CONNECTION_REFUSED"));
        }
    }

    private static byte[] tilePng() throws Exception {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
