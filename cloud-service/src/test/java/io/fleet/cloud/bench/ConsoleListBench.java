package io.fleet.cloud.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleet.cloud.console.HeadlessChromium;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Times the ops console's vehicle list in headless Chromium against a running service (not a test): page load to
 * the first rows, Next page, and a server-side filter, each from the user's action until the rows are on screen.
 * Usage: {@code ConsoleListBench <http base> <label>=<token>[:<filter>] ... [rounds]}; each target is one user
 * whose vehicles the list shows. Driven by {@code scripts/bench-console.sh}.
 */
public final class ConsoleListBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** The DevTools round trip itself takes ~1 ms; a 2 ms pause keeps the poll from starving the page. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final String ROWS = "document.querySelectorAll('#vehicle-table tbody tr[data-vin]')";
    private static final String STATUS = "(document.querySelector(\"[data-testid='list-status']\")?.textContent"
            + " ?? '')";

    private ConsoleListBench() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rounds = args[args.length - 1].matches("\\d+") ? Integer.parseInt(args[args.length - 1]) : 5;
        List<String> targets = Arrays.stream(args, 1, args.length).filter(a -> a.contains("=")).toList();
        System.out.println("| vehicles shown | total | first login ms | page load to first rows ms"
                + " (median, min-max) | Next page ms | filter ms |");
        System.out.println("|---|---|---|---|---|---|");
        for (String target : targets) {
            String label = target.substring(0, target.indexOf('='));
            String[] tokenAndFilter = target.substring(target.indexOf('=') + 1).split(":", 2);
            measure(base, label, tokenAndFilter[0], tokenAndFilter.length > 1 ? tokenAndFilter[1] : "", rounds);
        }
    }

    private static void measure(String base, String label, String token, String filter, int rounds)
            throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.viewport(1280, 900, false);
            browser.navigate(base + "/");
            browser.await("document.querySelector(\"[data-testid='login-button']\")", Duration.ofSeconds(30),
                    "the login form");
            browser.type("[data-testid='token-input']", token);
            long start = System.nanoTime();
            browser.click("[data-testid='login-button']");
            double login = until(browser, ROWS + ".length > 0", start);
            String total = browser.evaluate(STATUS).asText();
            List<Double> loads = new ArrayList<>();
            List<Double> nexts = new ArrayList<>();
            List<Double> filters = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                // The old document's rows must not count: it is marked, and the new one is not.
                browser.evaluate("window.benchOldPage = true");
                start = System.nanoTime();
                browser.send("Page.navigate", JSON.createObjectNode().put("url", base + "/"));
                loads.add(until(browser, "!window.benchOldPage && " + ROWS + ".length > 0", start));
                String first = browser.evaluate(ROWS + "[0].dataset.vin").asText();
                if (nextEnabled(browser)) {
                    start = System.nanoTime();
                    browser.click("[data-testid='page-next']");
                    nexts.add(until(browser, ROWS + ".length > 0 && " + ROWS + "[0].dataset.vin !== '" + first + "'",
                            start));
                }
                if (!filter.isEmpty()) {
                    start = System.nanoTime();
                    browser.type("[data-testid='vehicle-filter']", filter);
                    filters.add(until(browser, STATUS + ".startsWith('1–') && " + ROWS + ".length > 0 && [..."
                            + ROWS + "].every(r => r.dataset.vin.includes('" + filter + "'))", start));
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %s | %s | %s |%n", label,
                    total.replaceAll(" · .*", ""), login, summary(loads), summary(nexts), summary(filters));
        }
    }

    private static boolean nextEnabled(HeadlessChromium browser) {
        JsonNode disabled = browser.evaluate("document.querySelector(\"[data-testid='page-next']\")?.disabled ?? true");
        return !disabled.asBoolean();
    }

    /** Milliseconds from {@code start} until {@code condition} holds in the page. */
    private static double until(HeadlessChromium browser, String condition, long start) {
        while (!holds(browser, condition)) {
            if (System.nanoTime() - start > TIMEOUT_NANOS) {
                throw new IllegalStateException("not within 60 s: " + condition + "\n" + browser.diagnostics());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** False also while a navigation replaces the page (its execution context is gone for a moment). */
    private static boolean holds(HeadlessChromium browser, String condition) {
        try {
            return browser.evaluate("Boolean(" + condition + ")").asBoolean();
        } catch (RuntimeException navigating) {
            return false;
        }
    }

    private static String summary(List<Double> millis) {
        if (millis.isEmpty()) {
            return "n/a (one page)";
        }
        List<Double> sorted = millis.stream().sorted().toList();
        return String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", sorted.get(sorted.size() / 2), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }
}
