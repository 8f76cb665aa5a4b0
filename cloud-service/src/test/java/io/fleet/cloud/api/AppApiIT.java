package io.fleet.cloud.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import io.fleet.cloud.broker.AwsDeviceClient;
import io.fleet.cloud.config.VehiclesConfig;
import io.fleet.cloud.users.User;
import io.micrometer.core.instrument.FunctionCounter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app API against the whole service (embedded broker, PostgreSQL, shadow service) with cars that speak MQTT
 * with their own certificates: authorization, validation, and a command followed to each possible outcome.
 */
class AppApiIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static RunningCloud cloud;
    private static AppApiClient alice;
    private static AppApiClient bob;
    private static AppApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        // A short command timeout so the TIMED_OUT test does not wait two minutes.
        cloud = RunningCloud.start(config -> config.withVehicles(VehiclesConfig.defaults()
                .withCommandTimeout(Duration.ofSeconds(3)).withMaxCommandExpiry(Duration.ofMinutes(10))));
        var users = cloud.service().users();
        alice = new AppApiClient(cloud.httpBase(), users.addUser("alice", User.Role.OWNER,
                List.of("alice-car", "alice-van", "alice-moving", "alice-offline", "alice-spare",
                        "alice-legacy", "alice-parked", "alice-late"))).withPin("alice", "2468");
        bob = new AppApiClient(cloud.httpBase(), users.addUser("bob", User.Role.OWNER, List.of("bob-car")));
        admin = new AppApiClient(cloud.httpBase(), cloud.service().tokenFiles().read("admin").orElseThrow());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void withoutAValidTokenEveryCallIs401() throws Exception {
        AppApiClient anonymous = new AppApiClient(cloud.httpBase(), null);
        assertThat(anonymous.get("/api/vehicles").status()).isEqualTo(401);
        assertThat(new AppApiClient(cloud.httpBase(), "fleet_forged").get("/api/vehicles").status()).isEqualTo(401);
        assertThat(new AppApiClient(cloud.httpBase(), "fleet_forged").command("alice-car", "trunk", "\"open\"")
                .status()).isEqualTo(401);
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cloud.httpBase() + "/api/me")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void anOwnerSeesOnlyTheirVehiclesAndAnotherUsersVehicleDoesNotExistForThem() throws Exception {
        JsonNode list = alice.get("/api/vehicles").body();
        assertThat(list.path("vehicles").findValuesAsText("vin"))
                .containsExactly("alice-car", "alice-late", "alice-legacy", "alice-moving", "alice-offline",
                        "alice-parked", "alice-spare", "alice-van");
        assertThat(bob.get("/api/vehicles").body().path("vehicles").findValuesAsText("vin")).containsExactly("bob-car");

        assertThat(bob.get("/api/vehicles/alice-spare").status()).isEqualTo(404);
        assertThat(bob.get("/api/vehicles/alice-spare/commands").status()).isEqualTo(404);
        assertThat(bob.command("alice-spare", "trunk", "\"open\"").status()).isEqualTo(404);
        try (AppApiClient.EventStream events = bob.events("alice-spare")) {
            assertThat(events.status()).isEqualTo(404);
        }
        assertThat(bob.get("/api/vehicles/no-such-car").status()).isEqualTo(404);
        assertThat(alice.get("/api/vehicles/alice-spare").body().path("vin").asText()).isEqualTo("alice-spare");
        assertThat(cloudShadowStatus("alice-spare")).as("bob's command wrote nothing").isEqualTo(404);
    }

    @Test
    void anAdminSeesEveryVehicleAndOnlyAnAdminAddsUsers() throws Exception {
        assertThat(admin.get("/api/me").body().path("role").asText()).isEqualTo("ADMIN");
        assertThat(admin.get("/api/vehicles").body().path("vehicles").findValuesAsText("vin"))
                .contains("alice-car", "bob-car");
        assertThat(alice.post("/api/users", "{\"name\":\"mallory\",\"vehicles\":[\"bob-car\"]}").status())
                .isEqualTo(403);
        AppApiClient.Reply created = admin.post("/api/users", "{\"name\":\"carol\",\"vehicles\":[\"carol-car\"]}");
        assertThat(created.status()).isEqualTo(201);
        AppApiClient carol = new AppApiClient(cloud.httpBase(), created.body().path("token").asText());
        JsonNode me = carol.get("/api/me").body();
        assertThat(me.path("role").asText()).as("the default role").isEqualTo("OWNER");
        assertThat(me.path("vehicles")).extracting(JsonNode::asText).containsExactly("carol-car");
        AppApiClient.Reply again = admin.post("/api/users", "{\"name\":\"carol\"}");
        assertThat(again.status()).as("names are unique").isEqualTo(400);
        assertThat(again.body().path("message").asText()).isEqualTo("user carol already exists");
    }

    @Test
    void unlockingAndOpeningNeedTheOwnersPinWithTheVoicePinsLockoutAndARefusalChangesNothing() throws Exception {
        AppApiClient erin = new AppApiClient(cloud.httpBase(), cloud.service().users().addUser("erin",
                User.Role.OWNER, List.of("erin-car")));
        AppApiClient.Reply noPinSet = erin.command("erin-car", "trunk", "\"open\"");
        assertThat(noPinSet.status()).isEqualTo(403);
        assertThat(noPinSet.body().path("message").asText()).isEqualTo("unlocking or opening (trunk) needs a PIN, "
                + "and erin has none: set one with ./fleet user pin erin");
        assertThat(noPinSet.body().at("/pin/result").asText()).isEqualTo("NOT_SET");
        assertThat(erin.command("erin-car", "lock", "\"locked\"").status()).as("locking needs none").isEqualTo(202);
        assertThat(erin.command("erin-car", "windows.fl", "\"up\"").status()).as("closing needs none")
                .isEqualTo(202);
        assertThat(erin.command("erin-car", "climate.on", "true").status()).isEqualTo(202);

        AppApiClient withPin = erin.withPin("erin", "1357");
        AppApiClient.Reply asked = erin.command("erin-car", "lock", "\"unlocked\"");
        assertThat(asked.status()).isEqualTo(403);
        assertThat(asked.body().at("/pin/result").asText()).isEqualTo("REQUIRED");
        assertThat(asked.body().path("message").asText()).contains("needs your PIN");
        AppApiClient.Reply malformed = withPinOf(erin, "trunk", "\"open\"", "\"12a4\"");
        assertThat(malformed.status()).as("not counted as a wrong PIN").isEqualTo(400);
        assertThat(malformed.body().path("message").asText()).contains("pin must be a string of exactly 4 digits");
        assertThat(withPin.command("erin-car", "doors.fl", "\"open\"").status()).isEqualTo(202);

        assertThat(withPinOf(erin, "trunk", "\"open\"", "\"0000\"").body().at("/pin/triesLeft").asInt())
                .isEqualTo(2);
        AppApiClient.Reply lastTry = withPinOf(erin, "windows.rr", "\"down\"", "\"0000\"");
        assertThat(lastTry.status()).isEqualTo(403);
        assertThat(lastTry.body().path("message").asText()).isEqualTo("wrong PIN; after 1 more wrong PIN unlocking "
                + "and opening are locked for 15 minutes");
        AppApiClient.Reply locked = withPinOf(erin, "lock", "\"unlocked\"", "\"0000\"");
        assertThat(locked.body().at("/pin/result").asText()).isEqualTo("LOCKED");
        AppApiClient.Reply evenTheRightOne = withPin.command("erin-car", "lock", "\"unlocked\"");
        assertThat(evenTheRightOne.status()).isEqualTo(403);
        assertThat(evenTheRightOne.body().path("message").asText()).startsWith("unlocking and opening are locked for "
                + "15 minutes after 3 wrong PINs; try again in 15 min");
        assertThat(erin.command("erin-car", "lock", "\"locked\"").status()).as("locking still works")
                .isEqualTo(202);

        JsonNode desired = erin.get("/api/vehicles/erin-car").body().at("/shadow/state/desired");
        assertThat(desired.path("lock").asText()).isEqualTo("locked");
        assertThat(desired.at("/doors/fl").asText()).isEqualTo("open");
        assertThat(desired.has("trunk")).as("refused commands wrote nothing: " + desired).isFalse();
        assertThat(desired.at("/windows/rr").isMissingNode()).isTrue();
        assertThat(erin.get("/api/vehicles/erin-car/commands").body().path("commands").findValuesAsText("attribute"))
                .as("only the accepted commands are recorded")
                .containsExactlyInAnyOrder("lock", "windows.fl", "climate.on", "doors.fl", "lock");
        assertThat(admin.command("erin-car", "trunk", "\"open\"").status())
                .as("an admin, who may set anyone's PIN, is not asked for one").isEqualTo(202);
    }

    private static AppApiClient.Reply withPinOf(AppApiClient client, String attribute, String value, String pin)
            throws Exception {
        return client.post("/api/vehicles/erin-car/commands", "{\"attribute\":\"" + attribute + "\",\"value\":"
                + value + ",\"pin\":" + pin + "}");
    }

    @Test
    void aBadRoleIs400NamingTheRolesThatExistAndAddsNoUser() throws Exception {
        AppApiClient.Reply refused = admin.post("/api/users", "{\"name\":\"dave\",\"role\":\"SUPERUSER\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("code").asInt()).isEqualTo(400);
        assertThat(refused.body().path("error").asText()).isEqualTo("BadRequest");
        assertThat(refused.body().path("message").asText()).isEqualTo("role must be OWNER or ADMIN, got \"SUPERUSER\"");
        assertThat(admin.post("/api/users", "{\"name\":\"dave\",\"role\":7}").body().path("message").asText())
                .isEqualTo("role must be OWNER or ADMIN, got 7");
        assertThat(admin.get("/api/users/dave/tokens").status()).as("no user dave was added").isEqualTo(404);
    }

    @Test
    void userAdminRefusalsSayWhatToChangeAndAddNothing() throws Exception {
        AppApiClient.Reply noUser = admin.put("/api/users/nobody/pin", "{\"pin\":\"1234\"}");
        assertThat(noUser.status()).isEqualTo(404);
        assertThat(noUser.body().path("error").asText()).isEqualTo("NotFound");
        assertThat(noUser.body().path("message").asText()).isEqualTo("no user named nobody");
        AppApiClient.Reply badVehicle = admin.post("/api/users", "{\"name\":\"erin\",\"vehicles\":[\"a/b\"]}");
        assertThat(badVehicle.status()).isEqualTo(400);
        assertThat(badVehicle.body().path("message").asText()).startsWith("vehicle must be a thing name");
        AppApiClient.Reply notAList = admin.post("/api/users", "{\"name\":\"erin\",\"vehicles\":\"erin-car\"}");
        assertThat(notAList.status()).as("not a user without vehicles").isEqualTo(400);
        assertThat(notAList.body().path("message").asText())
                .isEqualTo("vehicles must be a list of thing names, e.g. [\"car-1\"], got \"erin-car\"");
        assertThat(admin.post("/api/users", "{\"name\":\"erin\",\"vehicles\":[7]}").body().path("message")
                .asText()).isEqualTo("vehicles must be a list of thing names, e.g. [\"car-1\"], got 7 in it");
        assertThat(admin.get("/api/users/erin/tokens").status()).as("no user erin was added").isEqualTo(404);
    }

    @Test
    void invalidCommandsAre400WithTheReasonAndWriteNothing() throws Exception {
        assertThat(alice.command("alice-van", "trunk", "\"ajar\"").body().path("message").asText())
                .isEqualTo("trunk must be one of open, closed");
        assertThat(alice.command("alice-van", "windows.fl", "150").body().path("message").asText())
                .contains("0-100");
        assertThat(alice.command("alice-van", "speed", "0").body().path("message").asText())
                .contains("reported by the vehicle");
        assertThat(alice.command("alice-van", "sunroof", "\"open\"").status()).isEqualTo(400);
        assertThat(alice.post("/api/vehicles/alice-van/commands", "{not json").status()).isEqualTo(400);
        assertThat(alice.post("/api/vehicles/alice-van/commands", "{\"value\":\"open\"}").status()).isEqualTo(400);
        assertThat(cloudShadowStatus("alice-van")).as("no shadow was written").isEqualTo(404);
        assertThat(alice.get("/api/vehicles/alice-van/commands").body().path("commands")).isEmpty();
    }

    @Test
    void anOverlongValueOrAttributeIs400NamingTheFieldAndLimitAndStoresNoCommand() throws Exception {
        AppApiClient.Reply longToken = alice.command("alice-van", "horn_flash", "\"" + "t".repeat(10_000) + "\"");
        assertThat(longToken.status()).isEqualTo(400);
        assertThat(longToken.body().path("message").asText())
                .isEqualTo("horn_flash request token must be at most 64 characters (was 10000)");
        AppApiClient.Reply longNumber = alice.command("alice-van", "horn_flash", "9".repeat(900));
        assertThat(longNumber.status()).isEqualTo(400);
        assertThat(longNumber.body().path("message").asText()).contains("at most 64 characters (was 900)");
        AppApiClient.Reply hugeNumber = alice.command("alice-van", "horn_flash", "1e999999999");
        assertThat(hugeNumber.status()).as("written out it has a billion digits").isEqualTo(400);
        AppApiClient.Reply longAttribute = alice.command("alice-van", "doors." + "f".repeat(10_000), "\"open\"");
        assertThat(longAttribute.status()).isEqualTo(400);
        assertThat(longAttribute.body().path("message").asText())
                .isEqualTo("attribute must be at most 64 characters (was 10006)");

        assertThat(alice.get("/api/vehicles/alice-van/commands").body().path("commands")).as("no row").isEmpty();
        assertThat(cloudShadowStatus("alice-van")).as("no shadow was written").isEqualTo(404);
    }

    @Test
    void aCommandIsDeliveredWhenTheCarReportsReceiptAndSucceedsOnTheEventStream() throws Exception {
        CountDownLatch outcome = new CountDownLatch(1);
        try (ScriptedVehicle car = new ScriptedVehicle(cloud, "alice-car", true,
                ScriptedVehicle.succeedingOnceReleased(outcome));
             AppApiClient.EventStream events = alice.events("alice-car")) {
            car.report("{\"trunk\":\"closed\"}");
            assertThat(events.next(WAIT, e -> e.name().equals("vehicle"))).isNotNull();
            AppApiClient.Reply accepted = alice.command("alice-car", "trunk", "\"open\"");
            assertThat(accepted.status()).isEqualTo(202);
            String id = accepted.body().path("id").asText();
            assertThat(accepted.body().path("status").asText()).isIn("PENDING", "DELIVERED");
            assertThat(events.next(WAIT, e -> e.name().equals("command") && e.data().path("id").asText().equals(id)
                    && e.data().path("status").asText().equals("DELIVERED"))).as("the car's receipt").isNotNull();
            assertThat(alice.get("/api/vehicles/alice-car/commands/" + id).body().path("status").asText())
                    .as("received, the outcome held back by the car").isEqualTo("DELIVERED");
            assertThat(alice.get("/api/vehicles/alice-car").body().at("/shadow/state/desired/commandExpiry/trunk")
                    .asLong()).as("the command's expiry travels with it").isPositive();
            outcome.countDown();

            assertThat(events.next(WAIT, e -> e.name().equals("shadow")
                    && e.data().at("/state/reported/trunk").asText().equals("open"))).isNotNull();
            AppApiClient.Event done = events.next(WAIT, e -> e.name().equals("command")
                    && e.data().path("id").asText().equals(id) && e.data().path("status").asText().equals("SUCCEEDED"));
            assertThat(done).as("SUCCEEDED on the event stream, after the shadow change").isNotNull();
            JsonNode history = alice.get("/api/vehicles/alice-car/commands").body().path("commands");
            assertThat(history.get(0).path("id").asText()).isEqualTo(id);
            assertThat(history.get(0).path("source").asText()).isEqualTo("app");
            JsonNode vehicle = alice.get("/api/vehicles/alice-car").body();
            assertThat(vehicle.path("online").asBoolean()).isTrue();
            assertThat(vehicle.at("/shadow/state/reported/trunk").asText()).isEqualTo("open");
            JsonNode desired = await("the ended command's expiry withdrawn from desired").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> alice.get("/api/vehicles/alice-car").body().at("/shadow/state/desired"),
                            d -> d.at("/commandExpiry/trunk").isMissingNode());
            assertThat(desired.path("trunk").asText()).isEqualTo("open");

            AppApiClient.Reply again = alice.command("alice-car", "trunk", "\"open\"");
            assertThat(again.body().path("status").asText()).as("already open").isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void anOnlineCarThatHasNotAnsweredLeavesTheCommandPendingAndAnAgentWithoutReceiptsStillSucceeds()
            throws Exception {
        CountDownLatch outcome = new CountDownLatch(1);
        CountDownLatch deltaReachedTheCar = new CountDownLatch(1);
        BiFunction<String, JsonNode, String[]> succeedOnceReleased = ScriptedVehicle.succeedingOnceReleased(outcome);
        try (ScriptedVehicle car = new ScriptedVehicle(cloud, "alice-legacy", false, (path, value) -> {
            deltaReachedTheCar.countDown();
            return succeedOnceReleased.apply(path, value);
        });
             AppApiClient.EventStream events = alice.events("alice-legacy")) {
            car.report("{\"lock\":\"unlocked\"}");
            assertThat(events.next(WAIT, e -> e.name().equals("vehicle"))).isNotNull();
            String id = alice.command("alice-legacy", "lock", "\"locked\"", "600").body().path("id").asText();
            await("alice-legacy online").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> alice.get("/api/vehicles/alice-legacy").body().path("online").asBoolean());
            assertThat(deltaReachedTheCar.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the car got the delta, and says nothing yet").isTrue();
            assertThat(alice.get("/api/vehicles/alice-legacy/commands/" + id).body().path("status").asText())
                    .as("online is not delivered").isEqualTo("PENDING");
            outcome.countDown();
            AppApiClient.Event done = events.next(WAIT, e -> e.name().equals("command")
                    && e.data().path("id").asText().equals(id) && e.data().path("status").asText().equals("SUCCEEDED"));
            assertThat(done).as("an older agent's outcome alone decides the command").isNotNull();
        }
    }

    @Test
    void theAgentsNewestCountersAreShownWithTheVehicle() throws Exception {
        assertThat(alice.get("/api/vehicles/alice-van").body().path("agent").isNull()).as("none yet").isTrue();
        FunctionCounter stale = cloud.service().metrics().get("fleet.agent.metrics.stale").functionCounter();
        double staleBefore = stale.count();
        try (AwsDeviceClient van = cloud.device("alice-van")) {
            van.publish("vehicles/alice-van/metrics", "{\"ts\":2000,\"connected\":true,\"reconnects\":3,"
                    + "\"offlineSeconds\":41.5,\"commands\":{\"SUCCEEDED\":7,\"REJECTED\":1}}").get();
            await("alice-van's agent metrics").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> alice.get("/api/vehicles/alice-van").body().path("agent"),
                            agent -> !agent.isNull() && !agent.isMissingNode());
            van.publish("vehicles/alice-van/metrics", "{\"ts\":1000,\"reconnects\":2}").get(); // late, older
            await("the older message counted as stale").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .until(stale::count, count -> count == staleBefore + 1);
            JsonNode agent = alice.get("/api/vehicles/alice-van").body().path("agent");
            assertThat(agent.path("reconnects").asInt()).isEqualTo(3);
            assertThat(agent.path("offlineSeconds").asDouble()).isEqualTo(41.5);
            assertThat(agent.at("/commands/SUCCEEDED").asInt()).isEqualTo(7);
        }
        assertThat(bob.get("/api/vehicles/alice-van").status()).as("still only for its owner").isEqualTo(404);
    }

    @Test
    void aRefusalByTheCarIsRejectedWithTheCarsReason() throws Exception {
        try (ScriptedVehicle car = new ScriptedVehicle(cloud, "alice-moving", (path, value) ->
                new String[] {"REJECTED", "the vehicle is moving"})) {
            car.report("{\"trunk\":\"closed\",\"speed\":30}");
            String id = alice.command("alice-moving", "trunk", "\"open\"").body().path("id").asText();
            JsonNode command = alice.awaitCommand("alice-moving", id, WAIT,
                    c -> c.path("status").asText().equals("REJECTED"));
            assertThat(command.path("status").asText()).isEqualTo("REJECTED");
            assertThat(command.path("reason").asText()).isEqualTo("the vehicle is moving");
        }
    }

    @Test
    void aCommandToAnOfflineCarIsPendingThenExpiresAndIsWithdrawnFromTheShadow() throws Exception {
        AppApiClient.Reply accepted = alice.command("alice-offline", "lock", "\"locked\"");
        assertThat(accepted.body().path("status").asText()).isEqualTo("PENDING");
        String id = accepted.body().path("id").asText();
        JsonNode command = alice.awaitCommand("alice-offline", id, WAIT,
                c -> c.path("status").asText().equals("EXPIRED"));
        assertThat(command.path("status").asText()).isEqualTo("EXPIRED");
        assertThat(command.path("reason").asText()).contains("did not receive the command within 3 s");
        JsonNode shadow = await("alice-offline's desired lock withdrawn").atMost(WAIT)
                .until(() -> alice.get("/api/vehicles/alice-offline").body().path("shadow"),
                        s -> !s.at("/state/desired/lock").isTextual());
        assertThat(shadow.at("/state/desired/lock").isMissingNode())
                .as("a car that comes online later must not lock itself").isTrue();
        assertThat(shadow.at("/state/desired/commandExpiry/lock").isMissingNode()).isTrue();
    }

    @Test
    void aCommandNotYetReceivedIsCancelledAndWithdrawnButANewerCommandsValueStays() throws Exception {
        String first = alice.command("alice-parked", "trunk", "\"open\"", "600").body().path("id").asText();
        String second = alice.command("alice-parked", "trunk", "\"open\"", "600").body().path("id").asText();
        assertThat(bob.cancel("alice-parked", first).status()).as("not bob's").isEqualTo(404);

        AppApiClient.Reply cancelled = alice.cancel("alice-parked", first);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELED");
        assertThat(shadowOf("alice-parked").at("/state/desired/trunk").asText())
                .as("the same value written later is the newer command's").isEqualTo("open");

        assertThat(alice.cancel("alice-parked", second).body().path("status").asText()).isEqualTo("CANCELED");
        JsonNode desired = shadowOf("alice-parked").at("/state/desired");
        assertThat(desired.path("trunk").isMissingNode()).as("withdrawn").isTrue();
        assertThat(desired.at("/commandExpiry/trunk").isMissingNode()).isTrue();
        assertThat(alice.get("/api/vehicles/alice-parked/commands/" + second).body().path("status").asText())
                .isEqualTo("CANCELED");

        AppApiClient.Reply again = alice.cancel("alice-parked", second);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("error").asText()).isEqualTo("Conflict");
        assertThat(again.body().path("message").asText()).contains("ended already");
        assertThat(again.body().at("/command/status").asText()).isEqualTo("CANCELED");
        assertThat(alice.cancel("alice-parked", "00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    }

    @Test
    void aCommandTheCarHasReceivedCannotBeCancelledAnd409SaysItsState() throws Exception {
        CountDownLatch outcome = new CountDownLatch(1);
        try (ScriptedVehicle car = new ScriptedVehicle(cloud, "alice-late", true,
                ScriptedVehicle.succeedingOnceReleased(outcome))) {
            car.report("{\"headlights\":\"off\"}");
            String id = alice.command("alice-late", "headlights", "\"on\"", "600").body().path("id").asText();
            alice.awaitCommand("alice-late", id, WAIT, c -> c.path("status").asText().equals("DELIVERED"));
            AppApiClient.Reply refused = alice.cancel("alice-late", id);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body().path("message").asText()).contains("has received the command already");
            assertThat(refused.body().at("/command/status").asText()).isEqualTo("DELIVERED");
            assertThat(shadowOf("alice-late").at("/state/desired/headlights").asText()).as("not withdrawn")
                    .isEqualTo("on");
            outcome.countDown();
            assertThat(alice.awaitCommand("alice-late", id, WAIT, c -> c.path("status").asText().equals("SUCCEEDED"))
                    .path("status").asText()).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void anExpiryOverTheConfiguredMaximumIs400AndStoresNothing() throws Exception {
        AppApiClient.Reply tooLong = alice.command("alice-van", "lock", "\"locked\"", "601");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().path("message").asText())
                .isEqualTo("expiresInSeconds must be from 1 to 600 (vehicles.maxCommandExpirySeconds), got 601");
        assertThat(alice.command("alice-van", "lock", "\"locked\"", "0").status()).isEqualTo(400);
        AppApiClient.Reply notANumber = alice.command("alice-van", "lock", "\"locked\"", "\"soon\"");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.body().path("message").asText())
                .isEqualTo("expiresInSeconds must be a whole number of seconds, got \"soon\"");
        assertThat(alice.get("/api/vehicles/alice-van/commands").body().path("commands")).as("no row").isEmpty();
        assertThat(cloudShadowStatus("alice-van")).as("no shadow was written").isEqualTo(404);
    }

    @Test
    void theOpenApiDescriptionIsServed() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cloud.httpBase() + "/api/openapi.yaml")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("openapi: 3.0.3").contains("/api/vehicles/{vin}/commands");
    }

    private static JsonNode shadowOf(String vehicle) throws Exception {
        return alice.get("/api/vehicles/" + vehicle).body().path("shadow");
    }

    private static int cloudShadowStatus(String thing) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cloud.httpBase() + "/things/"
                + thing + "/shadow")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
