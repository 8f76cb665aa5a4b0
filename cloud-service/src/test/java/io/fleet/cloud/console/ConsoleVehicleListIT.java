package io.fleet.cloud.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.users.User;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fleet of 10,000 vehicles through {@code GET /api/vehicles} and the ops console's vehicle list: the service
 * filters and pages, so every vehicle is listed exactly once across pages, a filter narrows the count, bad query
 * values are refused naming the parameter, and the console shows one page of 50 with Previous/Next and
 * server-side filters, without scrolling sideways.
 */
@ExtendWith(CloudServiceExtension.class)
class ConsoleVehicleListIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int FLEET = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> NAMES = IntStream.range(0, FLEET)
            .mapToObj(i -> String.format("fleet-%05d", i)).toList();

    private static String token;

    @BeforeAll
    static void fleet(RunningCloud cloud) throws Exception {
        token = cloud.service().users().addUser("fleet-operator", User.Role.OWNER, NAMES);
    }

    @Test
    void everyVehicleIsOnExactlyOnePageInIdOrder(RunningCloud cloud) throws Exception {
        List<String> listed = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = get(cloud, "/api/vehicles?limit=500" + (next == null ? "" : "&nextToken=" + next), 200);
            assertThat(page.path("total").asLong()).isEqualTo(FLEET);
            assertThat(page.path("vehicles").size()).isLessThanOrEqualTo(500);
            page.path("vehicles").forEach(v -> listed.add(v.path("vin").asText()));
            next = page.hasNonNull("nextToken") ? page.path("nextToken").asText() : null;
            pages++;
        } while (next != null);
        assertThat(pages).isEqualTo(FLEET / 500);
        assertThat(listed).containsExactlyElementsOf(NAMES);
    }

    @Test
    void theServiceFiltersByPartOfTheIdIgnoringCaseAndByConnectivity(RunningCloud cloud) throws Exception {
        JsonNode matching = get(cloud, "/api/vehicles?q=FLEET-0999&limit=50", 200);
        assertThat(matching.path("total").asLong()).isEqualTo(10);
        assertThat(matching.path("vehicles").get(0).path("vin").asText()).isEqualTo("fleet-09990");
        assertThat(matching.has("nextToken")).isFalse();

        JsonNode online = get(cloud, "/api/vehicles?online=true&limit=50", 200);
        assertThat(online.path("total").asLong()).as("no car of this fleet ever connected").isZero();
        assertThat(online.path("vehicles").size()).isZero();
        assertThat(get(cloud, "/api/vehicles?online=false&q=fleet-0000&limit=5", 200).path("total").asLong())
                .isEqualTo(10);
    }

    @Test
    void badQueryValuesAre400NamingTheParameter(RunningCloud cloud) throws Exception {
        assertThat(get(cloud, "/api/vehicles?limit=0", 400).path("message").asText())
                .isEqualTo("limit must be a whole number from 1 to 500, got 0");
        assertThat(get(cloud, "/api/vehicles?limit=many", 400).path("message").asText())
                .isEqualTo("limit must be a whole number from 1 to 500, got 'many'");
        assertThat(get(cloud, "/api/vehicles?online=maybe", 400).path("message").asText())
                .isEqualTo("online must be true or false, got 'maybe'");
        assertThat(get(cloud, "/api/vehicles?nextToken=%21%21", 400).path("message").asText())
                .isEqualTo("nextToken '!!' is not a token this service issued");
        assertThat(get(cloud, "/api/vehicles?q=" + URLEncoder.encode("a b", StandardCharsets.UTF_8), 400)
                .path("message").asText()).startsWith("q must be part of a vehicle id");
    }

    @Test
    void theConsoleShowsOnePageAtATimeAndFiltersOnTheService(RunningCloud cloud) throws Exception {
        assumeTrue(HeadlessChromium.executable().isPresent(),
                "chromium is not installed (apt-get install chromium; .ci/run installs it)");
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.viewport(1280, 900, false);
            browser.navigate(cloud.httpBase() + "/");
            browser.type(testId("token-input"), token);
            browser.click(testId("login-button"));
            browser.awaitText(testId("list-status"), "1–50 of 10000 vehicle(s)", WAIT);
            assertThat(rows(browser)).isEqualTo(50);
            assertThat(browser.text("#vehicle-table tbody tr:first-child th")).isEqualTo("fleet-00000");
            assertThat(browser.evaluate("document.querySelector(\"" + testId("page-previous") + "\").disabled")
                    .asBoolean()).isTrue();
            assertThat(browser.horizontalOverflow()).as("the wide table scrolls inside its card")
                    .isLessThanOrEqualTo(0);

            browser.click(testId("page-next"));
            browser.awaitText(testId("list-status"), "51–100 of 10000 vehicle(s)", WAIT);
            assertThat(browser.text("#vehicle-table tbody tr:first-child th")).isEqualTo("fleet-00050");
            browser.click(testId("page-previous"));
            browser.awaitText(testId("list-status"), "1–50 of 10000 vehicle(s)", WAIT);

            browser.type(testId("vehicle-filter"), "fleet-0999");
            browser.awaitText(testId("list-status"), "1–10 of 10 vehicle(s)", WAIT);
            assertThat(rows(browser)).isEqualTo(10);
            assertThat(browser.evaluate("document.querySelector(\"" + testId("page-next") + "\").disabled")
                    .asBoolean()).as("one page only").isTrue();

            browser.evaluate("(() => { const s = document.querySelector(\"" + testId("online-filter") + "\");"
                    + " s.value = 'true'; s.dispatchEvent(new Event('change')); })()");
            browser.awaitText("#vehicle-table tbody", "No vehicle matches the filter.", WAIT);
            assertThat(browser.text(testId("list-status"))).startsWith("0 vehicle(s) · updated");
            assertThat(browser.problems()).as("script errors, CSP violations\n" + browser.diagnostics()).isEmpty();
        }
    }

    private static int rows(HeadlessChromium browser) {
        return browser.evaluate("document.querySelectorAll('#vehicle-table tbody tr[data-vin]').length").asInt();
    }

    private static JsonNode get(RunningCloud cloud, String path, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.httpBase() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static String testId(String id) {
        return "[data-testid='" + id + "']";
    }
}
