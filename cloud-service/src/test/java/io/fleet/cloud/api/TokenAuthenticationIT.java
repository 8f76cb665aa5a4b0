package io.fleet.cloud.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.AdjustableClock;
import io.fleet.cloud.CloudMain;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.config.TestConfig;
import io.fleet.cloud.config.UsersConfig;
import io.fleet.cloud.users.User;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Bearer tokens against the whole service (embedded PostgreSQL, the real HTTP server, clients on different
 * loopback addresses): failed guesses are not cached, failures are throttled per address with 429 and Retry-After,
 * tokens expire, and are listed and revoked through the API and {@code fleet user}. The service runs on a clock the
 * tests move forward instead of sleeping.
 */
class TokenAuthenticationIT {

    private static final int BURST = 5;
    private static final AdjustableClock CLOCK = AdjustableClock.ticking();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static RunningCloud cloud;
    private static AppApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        // 5 failures per address, then one per 100 s: no try comes back while a test runs unless the test says so
        cloud = RunningCloud.start(config -> config.withUsers(UsersConfig.defaults().withAuthFailures(
                TestConfig.authFailures().perAddress(BURST, 0.01).global(100_000, 1000.0)
                        .trackedAddresses(1000).build())), CLOCK);
        admin = new AppApiClient(cloud.httpBase(), cloud.service().tokenFiles().read("admin").orElseThrow());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void failedGuessesAreNeverCachedWhileGoodTokensAre() throws Exception {
        long before = cloud.service().users().cachedTokens();
        for (int address = 0; address < 60; address++) {
            FromAddress client = new FromAddress("127.0.1." + (address + 1));
            for (int i = 0; i < BURST; i++) {
                assertThat(client.get(port(), "/api/me", randomToken()).status()).isEqualTo(401);
            }
        }
        long afterGuesses = cloud.service().users().cachedTokens();
        assertThat(afterGuesses).as("300 failed guesses cached nothing").isLessThanOrEqualTo(before);

        String good = cloud.service().users().addUser("cached-owner", User.Role.OWNER, List.of("cached-car"));
        assertThat(new AppApiClient(cloud.httpBase(), good).get("/api/me").status()).isEqualTo(200);
        assertThat(cloud.service().users().checkCached(good)).as("a live token is cached").isPresent();
    }

    @Test
    void anAddressWithTooManyFailuresGets429WithRetryAfterWhileOtherAddressesKeepWorking() throws Exception {
        String good = cloud.service().users().addUser("throttle-owner", User.Role.OWNER, List.of("throttle-car"));
        FromAddress attacker = new FromAddress("127.0.0.2");
        for (int i = 0; i < BURST; i++) {
            assertThat(attacker.get(port(), "/api/vehicles", randomToken()).status()).isEqualTo(401);
        }
        FromAddress.Reply throttled = attacker.get(port(), "/api/vehicles", randomToken());
        assertThat(throttled.status()).isEqualTo(429);
        long retryAfter = Long.parseLong(throttled.headers().get("retry-after"));
        assertThat(retryAfter).as("one try per 100 s, less the time the test took").isBetween(90L, 100L);
        assertThat(throttled.body().path("code").asInt()).isEqualTo(429);
        assertThat(throttled.body().path("error").asText()).isEqualTo("Throttled");
        assertThat(throttled.body().path("message").asText()).contains("from your address")
                .contains("retry in " + retryAfter + " s");
        assertThat(attacker.get(port(), "/api/me", good).status())
                .as("a token not yet checked is refused before any lookup from the throttled address").isEqualTo(429);

        assertThat(new FromAddress("127.0.0.3").get(port(), "/api/me", good).status())
                .as("the same good token from another address").isEqualTo(200);
        assertThat(attacker.get(port(), "/api/me", good).status())
                .as("now checked and cached, it works even there (users behind the same NAT)").isEqualTo(200);
        assertThat(attacker.get(port(), "/api/me", randomToken()).status()).isEqualTo(429);

        CLOCK.advance(Duration.ofSeconds(retryAfter));
        assertThat(attacker.get(port(), "/api/me", randomToken()).status())
                .as("after Retry-After the address may try again").isEqualTo(401);
        assertThat(attacker.get(port(), "/api/me", randomToken()).status()).isEqualTo(429);
    }

    @Test
    void anExpiredTokenIsRefusedSayingSo() throws Exception {
        AppApiClient.Reply created = admin.post("/api/users",
                "{\"name\":\"short-lived\",\"vehicles\":[\"short-car\"],\"ttlDays\":1}");
        assertThat(created.status()).isEqualTo(201);
        long expiresAt = created.body().path("expiresAt").asLong();
        assertThat(expiresAt).isCloseTo(CLOCK.millis() + Duration.ofDays(1).toMillis(), within(60_000));
        AppApiClient shortLived = new AppApiClient(cloud.httpBase(), created.body().path("token").asText());
        assertThat(shortLived.get("/api/me").status()).isEqualTo(200);

        CLOCK.advance(Duration.ofDays(1).plusSeconds(1));
        AppApiClient.Reply refused = shortLived.get("/api/me");
        assertThat(refused.status()).as("refused although this instance had it cached").isEqualTo(401);
        assertThat(refused.body().path("message").asText()).contains("expired");
        JsonNode listed = admin.get("/api/users/short-lived/tokens").body().path("tokens");
        assertThat(listed.get(0).path("expired").asBoolean()).isTrue();

        assertThat(admin.post("/api/users", "{\"name\":\"never-created\",\"ttlDays\":-1}").status()).isEqualTo(400);
        assertThat(admin.post("/api/users", "{\"name\":\"never-created\",\"ttlDays\":1.5}").body().path("message")
                .asText()).contains("ttlDays must be a whole number of days from 0 (never expires) to 3650");
        assertThat(cloud.service().users().find("never-created")).as("a bad ttlDays creates nothing").isEmpty();
    }

    @Test
    void aUserListsTheirTokensWithoutSecretsAndARevokedTokenIsRefusedAtOnce() throws Exception {
        AppApiClient first = new AppApiClient(cloud.httpBase(),
                cloud.service().users().addUser("erin", User.Role.OWNER, List.of("erin-car")));
        AppApiClient.Reply issued = admin.post("/api/users/erin/tokens", "{\"ttlDays\":0}");
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.body().path("expiresAt").isNull()).as("ttlDays 0 = never").isTrue();
        long secondId = issued.body().path("tokenId").asLong();
        AppApiClient second = new AppApiClient(cloud.httpBase(), issued.body().path("token").asText());
        assertThat(second.get("/api/me").status()).isEqualTo(200); // now in the cache

        AppApiClient.Reply listed = first.get("/api/users/erin/tokens");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().path("tokens").findValuesAsText("id")).hasSize(2).contains(Long.toString(secondId));
        assertThat(listed.body().path("tokens").findValuesAsText("current")).containsExactly("true", "false");
        assertThat(listed.body().toString()).doesNotContain(issued.body().path("token").asText())
                .doesNotContain("hash");

        assertThat(first.post("/api/users/erin/tokens", "{}").status()).as("only an admin issues tokens")
                .isEqualTo(403);
        AppApiClient frank = new AppApiClient(cloud.httpBase(),
                cloud.service().users().addUser("frank", User.Role.OWNER, List.of()));
        assertThat(frank.get("/api/users/erin/tokens").status()).as("another user's tokens do not exist for him")
                .isEqualTo(404);
        assertThat(frank.delete("/api/users/erin/tokens/" + secondId).status()).isEqualTo(404);
        assertThat(second.get("/api/me").status()).as("frank revoked nothing").isEqualTo(200);
        assertThat(first.delete("/api/users/erin/tokens/abc").status()).isEqualTo(404);

        assertThat(first.delete("/api/users/erin/tokens/" + secondId).status()).isEqualTo(204);
        AppApiClient.Reply refused = second.get("/api/me");
        assertThat(refused.status()).as("revoked: refused at once although cached").isEqualTo(401);
        assertThat(refused.body().path("message").asText()).isEqualTo("unknown or revoked token");
        assertThat(first.get("/api/me").status()).as("the other token still works").isEqualTo(200);
        assertThat(first.delete("/api/users/erin/tokens/" + secondId).status()).isEqualTo(404);
    }

    @Test
    void theCliIssuesListsAndRevokesTokensAsTheAdmin() throws Exception {
        Run add = fleet("user", "add", "grace", "--vehicle", "grace-car", "--ttl-days", "30");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.err()).contains("expires " + CLOCK.instant().plus(Duration.ofDays(30)).toString()
                .substring(0, 10));
        Run issue = fleet("user", "token", "grace", "--ttl-days", "0");
        assertThat(issue.exit()).as(issue.err()).isZero();
        AppApiClient grace = new AppApiClient(cloud.httpBase(), issue.out());
        assertThat(grace.get("/api/me").body().path("name").asText()).isEqualTo("grace");
        assertThat(cloud.service().tokenFiles().read("grace")).as("the user's copy").hasValue(issue.out());

        Run list = fleet("user", "tokens", "grace");
        assertThat(list.exit()).as(list.err()).isZero();
        String[] lines = list.out().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[2]).endsWith("never");
        String id = lines[2].split("\\s+")[0];

        Run revoke = fleet("user", "revoke", "grace", id);
        assertThat(revoke.exit()).as(revoke.err()).isZero();
        assertThat(revoke.out()).isEqualTo("token " + id + " of grace revoked");
        assertThat(grace.get("/api/me").status()).isEqualTo(401);
        Run again = fleet("user", "revoke", "grace", id);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("the service refused: HTTP 404 no token " + id + " of grace");
        Run nobody = fleet("user", "tokens", "nobody");
        assertThat(nobody.err()).isEqualTo("the service refused: HTTP 404 no user named nobody");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run fleet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CloudMain());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = Stream.concat(Arrays.stream(args), Stream.of(
                "--api", cloud.httpBase(), "--data-dir", cloud.root().resolve("data").toString()))
                .toArray(String[]::new);
        int exit = cli.execute(all);
        return new Run(exit, out.toString().trim(), err.toString().trim());
    }

    private static int port() {
        return cloud.service().httpPort();
    }

    private static String randomToken() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "fleet_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static org.assertj.core.data.Offset<Long> within(long millis) {
        return org.assertj.core.data.Offset.offset(millis);
    }
}
