package io.fleet.cloud.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Debian's chromium, headless, driven over the Chrome DevTools Protocol on one page: navigate, click at an
 * element's position with real mouse events, type with real text input, and evaluate JavaScript to read the page.
 * The JDK's WebSocket client speaks the protocol, so the tests need no WebDriver and no matching chromedriver.
 * Console messages, uncaught exceptions and browser log entries (CSP violations, failed requests) are collected
 * for {@link #problems()} and for failure messages.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");

    private final Process process;
    private final Path home;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, Path home, URI page) {
        this.process = process;
        this.home = home;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(page, new Listener()).join();
    }

    /** The chromium binary ({@code CHROMIUM_BIN} or Debian's), if installed. */
    public static Optional<Path> executable() {
        String configured = System.getenv("CHROMIUM_BIN");
        return Stream.concat(Stream.ofNullable(configured), CANDIDATES.stream()).map(Path::of)
                .filter(Files::isExecutable).findFirst();
    }

    public static HeadlessChromium start() throws IOException, InterruptedException {
        Path binary = executable().orElseThrow(() -> new IllegalStateException("chromium is not installed"));
        Path home = Files.createTempDirectory("fleet-chromium");
        Path profile = home.resolve("profile");
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--no-first-run", "--no-default-browser-check", "--window-size=1280,1024", "about:blank")
                .redirectErrorStream(true).redirectOutput(home.resolve("chromium.log").toFile()).start();
        try {
            int port = awaitDevToolsPort(process, profile.resolve("DevToolsActivePort"));
            HeadlessChromium browser = new HeadlessChromium(process, home, pageSocket(port));
            browser.send("Runtime.enable", JSON.createObjectNode());
            browser.send("Log.enable", JSON.createObjectNode());
            browser.send("Page.enable", JSON.createObjectNode());
            return browser;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            deleteTree(home);
            throw e;
        }
    }

    /** Chromium writes the port it chose, then the browser's WebSocket path, once it listens. */
    private static int awaitDevToolsPort(Process process, Path file) throws IOException, InterruptedException {
        try {
            List<String> lines = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IOException("chromium exited with " + process.exitValue()
                                    + " before DevTools listened");
                        }
                        return Files.exists(file) ? Files.readAllLines(file) : List.<String>of();
                    }, written -> written.size() >= 2);
            return Integer.parseInt(lines.get(0).trim());
        } catch (ConditionTimeoutException e) {
            throw new IOException("chromium did not write " + file + " within 30 s", e);
        }
    }

    private static URI pageSocket(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        AtomicReference<String> targets = new AtomicReference<>();
        try {
            return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                targets.set(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode target : JSON.readTree(targets.get())) {
                    if ("page".equals(target.path("type").asText())) {
                        return URI.create(target.path("webSocketDebuggerUrl").asText());
                    }
                }
                return null;
            }, Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new IOException("chromium has no page target: " + targets.get(), e);
        }
    }

    /** One protocol command; the result, or IllegalStateException with the protocol's error. */
    public JsonNode send(String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        try {
            synchronized (socket) { // the JDK WebSocket allows one outstanding send
                socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
            }
            JsonNode answer = reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + " failed: " + answer.get("error"));
            }
            return answer.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (Exception e) {
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(method + ": " + e, e);
        } finally {
            replies.remove(id);
        }
    }

    /**
     * Lays pages out as a device of {@code width} x {@code height} CSS pixels would; {@code mobile} also makes the
     * page honour its viewport meta tag, as a phone's browser does.
     */
    public void viewport(int width, int height, boolean mobile) {
        send("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", mobile));
    }

    /** Cuts the page (and its service worker) off the network, or lets it back on. */
    public void offline(boolean offline) {
        send("Network.enable", JSON.createObjectNode());
        send("Network.emulateNetworkConditions", JSON.createObjectNode().put("offline", offline).put("latency", 0)
                .put("downloadThroughput", -1).put("uploadThroughput", -1));
    }

    /** How far the page is wider than the window: 0 when nothing scrolls sideways. */
    public int horizontalOverflow() {
        return evaluate("document.documentElement.scrollWidth - window.innerWidth").asInt();
    }

    /** Loads {@code url} and waits for the document to finish loading. */
    public void navigate(String url) {
        send("Page.navigate", JSON.createObjectNode().put("url", url));
        await("document.readyState === 'complete' && location.href !== 'about:blank'", Duration.ofSeconds(15),
                "page " + url + " loaded");
    }

    /** The value of a JavaScript expression (promises awaited); a missing node for undefined. */
    public JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page script failed: " + expression + "\n"
                    + result.path("exceptionDetails").path("exception").path("description").asText(
                            result.path("exceptionDetails").toString()));
        }
        return result.path("result").path("value");
    }

    /** Polls {@code condition} (a JavaScript expression) until it is truthy. */
    public void await(String condition, Duration timeout, String description) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> evaluate("Boolean(" + condition + ")").asBoolean());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("within " + timeout.toSeconds() + " s: " + description + "\n" + diagnostics(),
                    e);
        }
    }

    /** Waits until the element's text contains {@code expected}. */
    public void awaitText(String selector, String expected, Duration timeout) {
        await("(document.querySelector(" + quote(selector) + ")?.textContent ?? '').includes(" + quote(expected)
                + ")", timeout, selector + " shows \"" + expected + "\" (now: \"" + text(selector) + "\")");
    }

    public String text(String selector) {
        return evaluate("document.querySelector(" + quote(selector) + ")?.textContent ?? null").asText("");
    }

    /**
     * A left click with real mouse events at the centre of the element's first box (a wrapped link has one per
     * line), after scrolling it into view and checking that it is visible, enabled and not covered.
     */
    public void click(String selector) {
        JsonNode box = evaluate("(() => { const e = document.querySelector(" + quote(selector) + ");"
                + " if (!e) return {missing: true};"
                + " e.scrollIntoView({block: 'center', inline: 'center'});"
                + " const r = e.getClientRects()[0] ?? e.getBoundingClientRect();"
                + " const x = r.left + r.width / 2, y = r.top + r.height / 2;"
                + " const top = document.elementFromPoint(x, y);"
                + " return {x, y, visible: r.width > 0 && r.height > 0, disabled: !!e.disabled,"
                + " hit: e.contains(top), top: top ? top.outerHTML.slice(0, 120) : null}; })()");
        if (box.path("missing").asBoolean() || !box.path("visible").asBoolean() || box.path("disabled").asBoolean()
                || !box.path("hit").asBoolean()) {
            throw new AssertionError("cannot click " + selector + ": " + box + "\n" + diagnostics());
        }
        for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
            send("Input.dispatchMouseEvent", JSON.createObjectNode().put("type", type)
                    .put("x", box.path("x").asDouble()).put("y", box.path("y").asDouble())
                    .put("button", "left").put("clickCount", type.equals("mouseMoved") ? 0 : 1));
        }
    }

    /** Clicks into an input, clears it and types {@code text} as keyboard text input. */
    public void type(String selector, String text) {
        click(selector);
        evaluate("document.querySelector(" + quote(selector) + ").select()");
        send("Input.insertText", JSON.createObjectNode().put("text", text));
    }

    /**
     * Console errors and warnings, uncaught exceptions and browser log errors seen so far, except HTTP error
     * statuses (the page shows those itself).
     */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Everything the page logged, and its visible text, for failure messages. */
    public String diagnostics() {
        String body;
        try {
            body = evaluate("document.body ? document.body.innerText : ''").asText();
        } catch (RuntimeException e) {
            body = "(page text unavailable: " + e.getMessage() + ")";
        }
        return "browser log:\n  " + String.join("\n  ", log) + "\nvisible text:\n" + body;
    }

    @Override
    public void close() {
        socket.abort();
        stop(process);
        deleteTree(home);
    }

    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // chromium may still be writing into its profile while it exits; the temp folder is only litter
        }
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void onMessage(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = replies.get(message.get("id").asLong());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Runtime.consoleAPICalled" -> {
                List<String> args = new ArrayList<>();
                params.path("args").forEach(a -> args.add(a.has("value") ? a.get("value").asText()
                        : a.path("description").asText(a.path("type").asText())));
                record(params.path("type").asText(), "console " + String.join(" ", args));
            }
            case "Runtime.exceptionThrown" -> record("error", "uncaught " + params.path("exceptionDetails")
                    .path("exception").path("description").asText(params.path("exceptionDetails").path("text")
                            .asText()));
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                // network entries are HTTP errors the page handles (a refused token answers 401); the rest, such
                // as a content security policy violation, are problems
                String level = entry.path("source").asText().equals("network") ? "info" : entry.path("level").asText();
                record(level, entry.path("source").asText() + " " + entry.path("text").asText() + " "
                        + entry.path("url").asText(""));
            }
            default -> {
            }
        }
    }

    private void record(String level, String text) {
        String line = level + ": " + text;
        log.add(line);
        if (level.equals("error") || level.equals("warning") || level.equals("assert")) {
            problems.add(line);
        }
    }

    /** Reassembles fragmented text frames; runs on the WebSocket client's thread. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    onMessage(JSON.readTree(text));
                } catch (IOException e) {
                    log.add("unreadable DevTools message: " + e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
