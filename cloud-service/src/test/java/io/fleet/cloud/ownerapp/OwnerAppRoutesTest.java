package io.fleet.cloud.ownerapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.config.AppConfig;
import io.fleet.cloud.console.ConsoleRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The owner app's files as a browser and its service worker receive them: the shell the worker caches is complete
 * and loads nothing else, every module import resolves, and the page may load its manifest and worker only from
 * the service's own origin.
 */
class OwnerAppRoutesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Vertx vertx;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new ConsoleRoutes().mount(router);
        new OwnerAppRoutes().mount(router);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theAppIsServedAtSlashAppWithAPolicyThatAllowsOnlyThisOrigin() throws Exception {
        HttpResponse<String> redirect = get("/app");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/app/");

        HttpResponse<String> index = get("/app/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String policy = index.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).startsWith("default-src 'self'").contains("manifest-src 'self'", "worker-src 'self'")
                .doesNotContain("http:", "https:", "*");
        assertThat(index.body()).contains("<title>My car</title>",
                "rel=\"manifest\" href=\"/app/manifest.webmanifest\"");
    }

    @Test
    void withMapTilesConfiguredThePageMayLoadImagesFromThatOriginOnlyAndIsToldTheTemplate() throws Exception {
        assertThat(get("/app/config.json").body()).isEqualTo("{\"mapTiles\":null}");
        OwnerAppRoutes withTiles = new OwnerAppRoutes(
                new AppConfig("https://tile.openstreetmap.org/{z}/{x}/{y}.png"));
        assertThat(withTiles.contentSecurityPolicy()).contains("img-src 'self' data: https://tile.openstreetmap.org;")
                .startsWith("default-src 'self';");
        assertThat(new OwnerAppRoutes().contentSecurityPolicy()).contains("img-src 'self' data:;");
    }

    @Test
    void theServiceWorkersShellHoldsEveryFileThePageLoadsAndEachExists() throws Exception {
        String worker = get("/app/sw.js").body();
        Matcher list = Pattern.compile("const SHELL = \\[([^\\]]+)]").matcher(worker);
        assertThat(list.find()).as("sw.js lists its shell").isTrue();
        Set<String> shell = new LinkedHashSet<>();
        Matcher entry = Pattern.compile("'([^']+)'").matcher(list.group(1));
        while (entry.find()) {
            shell.add(entry.group(1));
        }
        for (String path : shell) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(200);
        }

        Set<String> loaded = new LinkedHashSet<>();
        Matcher refs = Pattern.compile("(?:href|src)=\"(/[^\"]+)\"").matcher(get("/app/").body());
        while (refs.find()) {
            loaded.add(refs.group(1));
        }
        for (String module : shell.stream().filter(p -> p.endsWith(".js")).toList()) {
            Matcher imports = Pattern.compile("from '(\\.?/[^']+)'").matcher(get(module).body());
            while (imports.find()) {
                String target = URI.create(base + module).resolve(imports.group(1)).getPath();
                assertThat(get(target).statusCode()).as(module + " imports " + target).isEqualTo(200);
                loaded.add(target);
            }
        }
        assertThat(shell).as("what the page and its modules load is in the offline shell").containsAll(loaded);
    }

    @Test
    void theManifestMakesTheAppInstallableWithinItsScope() throws Exception {
        HttpResponse<String> manifest = get("/app/manifest.webmanifest");
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.body()).contains("\"start_url\": \"/app/\"", "\"scope\": \"/app/\"",
                "\"display\": \"standalone\"", "\"src\": \"/app/icon.svg\"");
        assertThat(get("/app/icon.svg").headers().firstValue("Content-Type").orElseThrow()).contains("image/svg+xml");
        assertThat(get("/app/sw.js").headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
    }

    @Test
    void pathsOutsideTheAppAreNotItsFiles() throws Exception {
        assertThat(get("/app/nope.js").statusCode()).isEqualTo(404);
        assertThat(get("/app/../logback.xml").statusCode()).isEqualTo(404);
        assertThat(get("/app/index.html/../../api/openapi.yaml").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
