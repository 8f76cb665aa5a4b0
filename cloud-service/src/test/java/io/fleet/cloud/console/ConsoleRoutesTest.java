package io.fleet.cloud.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's files as a browser receives them: content types, caching and the same-origin-only policy. */
class ConsoleRoutesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Vertx vertx;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new ConsoleRoutes().mount(router);
        router.get("/api/me").handler(ctx -> ctx.response().end("api"));
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void indexIsServedAtTheRootAsUtf8HtmlThatBrowsersRevalidate() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(index.headers().firstValue("Last-Modified")).isPresent();
        assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'self'");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(index.body()).contains("<title>Fleet ops console</title>");
    }

    @Test
    void everyFileTheIndexLoadsExistsWithItsContentType() throws Exception {
        String index = get("/").body();
        Matcher refs = Pattern.compile("(?:href|src)=\"(/console/[^\"]+)\"").matcher(index);
        int found = 0;
        while (refs.find()) {
            found++;
            String path = refs.group(1);
            HttpResponse<String> file = get(path);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            String expected = path.endsWith(".css") ? "text/css" : "javascript";
            assertThat(file.headers().firstValue("Content-Type").orElseThrow()).as(path).contains(expected);
        }
        assertThat(found).as("stylesheet and entry script").isEqualTo(2);
    }

    @Test
    void everyModuleImportResolves() throws Exception {
        Pattern imports = Pattern.compile("from '\\./([a-z-]+\\.js)'");
        for (String module : new String[] {"app.js", "api.js", "dom.js", "shadow.js", "commands.js",
                "vehicle-list.js", "vehicle-page.js", "drive-list.js", "drive-page.js", "svg-chart.js"}) {
            HttpResponse<String> file = get("/console/js/" + module);
            assertThat(file.statusCode()).as(module).isEqualTo(200);
            Matcher m = imports.matcher(file.body());
            while (m.find()) {
                assertThat(get("/console/js/" + m.group(1)).statusCode()).as(module + " imports " + m.group(1))
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void unchangedFilesAnswerNotModified() throws Exception {
        String lastModified = get("/console/console.css").headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/console.css"))
                .header("If-Modified-Since", lastModified).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void otherPathsAreLeftToTheirRoutes() throws Exception {
        assertThat(get("/api/me").body()).isEqualTo("api");
        assertThat(get("/console/nope.js").statusCode()).isEqualTo(404);
        assertThat(get("/console/../logback.xml").statusCode()).isEqualTo(404);
        assertThat(get("/index.html").statusCode()).as("only / and /console/ are the console's").isEqualTo(404);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
