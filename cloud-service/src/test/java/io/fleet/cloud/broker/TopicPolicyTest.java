package io.fleet.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicPolicyTest {

    private final TopicPolicy policy = new TopicPolicy(Set.of("fleet-service", "fleet-service-2"));

    @ParameterizedTest
    @ValueSource(strings = {
        "$aws/things/car-1/shadow/update",
        "$aws/things/car-1/shadow/name/cabin/get",
        "$aws/things/car-1/jobs/start-next",
        "$aws/things/car-1/jobs/job-7/update",
        "$aws/things/car-1/shadow/name/accepted/update",
        "$aws/things/car-1/shadow/frobnicate",
        "vehicles/car-1/telemetry",
        "vehicles/car-1/",
    })
    void deviceMayPublishBelowItsOwnPrefixes(String topic) {
        assertThat(policy.mayPublish("car-1", topic, false)).isTrue();
    }

    /** The topics AWS IoT's services answer on: a device publishing there would forge the service's answers. */
    @ParameterizedTest
    @ValueSource(strings = {
        "$aws/things/car-1/shadow/update/accepted",
        "$aws/things/car-1/shadow/update/rejected",
        "$aws/things/car-1/shadow/update/delta",
        "$aws/things/car-1/shadow/update/documents",
        "$aws/things/car-1/shadow/get/accepted",
        "$aws/things/car-1/shadow/delete/rejected",
        "$aws/things/car-1/shadow/name/cabin/update/delta",
        "$aws/things/car-1/shadow/name/cabin/get/accepted",
        "$aws/things/car-1/jobs/notify-next",
        "$aws/things/car-1/jobs/notify",
        "$aws/things/car-1/jobs/start-next/accepted",
        "$aws/things/car-1/jobs/job-7/update/rejected",
    })
    void deviceMayNotPublishOnAnswerTopics(String topic) {
        assertThat(policy.publishRefusal("car-1", topic, false)).hasValueSatisfying(
                reason -> assertThat(reason).contains("answer topics"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$aws/things/car-1/shadow/update", "$aws/things/car-1/shadow/update/accepted"})
    void nobodyPublishesRetainedOnReservedTopics(String topic) {
        assertThat(policy.publishRefusal("car-1", topic, true)).hasValueSatisfying(
                reason -> assertThat(reason).contains("retained"));
        assertThat(policy.mayPublish("fleet-service", topic, true)).isFalse();
    }

    @Test
    void retainedTelemetryBelowTheDevicesOwnPrefixStaysAllowed() {
        assertThat(policy.mayPublish("car-1", "vehicles/car-1/status", true)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$aws/things/car-2/shadow/update",
        "$aws/things/car-10/shadow/update",
        "$aws/things/car-1",
        "$aws/things/car-1x/shadow/update",
        "$aws/things/car-1+/shadow/update",
        "vehicles/car-1",
        "vehicles/car-2/telemetry",
        "vehicles/car-1x/telemetry",
        "car-1/telemetry",
        "$aws/things/CAR-1/shadow/update",
        "/vehicles/car-1/telemetry",
        "$aws/events/presence/connected/car-1",
    })
    void deviceMayNotPublishElsewhere(String topic) {
        assertThat(policy.mayPublish("car-1", topic, false)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$aws/things/car-1/shadow/update/accepted",
        "$aws/things/car-1/shadow/#",
        "$aws/things/car-1/#",
        "$aws/things/car-1/shadow/name/+/update/delta",
        "vehicles/car-1/commands",
        "vehicles/car-1/#",
        "vehicles/car-1/+",
    })
    void deviceMaySubscribeBelowItsOwnPrefixes(String filter) {
        assertThat(policy.maySubscribe("car-1", filter)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "#",
        "+/#",
        "$aws/#",
        "$aws/things/#",
        "$aws/things/+/shadow/update",
        "$aws/things/+/#",
        "$aws/+/car-1/shadow/update",
        "+/things/car-1/shadow/update",
        "$aws/things/car-2/shadow/update/accepted",
        "$aws/things/car-1",
        "vehicles/#",
        "vehicles/+/telemetry",
        "vehicles/car-1",
        "$share/g/$aws/things/car-1/shadow/update",
        "$share/g/vehicles/car-1/telemetry",
    })
    void deviceMayNotSubscribeToOtherThingsOrWildcardsAboveItsPrefix(String filter) {
        assertThat(policy.maySubscribe("car-1", filter)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "#",
        "$aws/things/+/shadow/update",
        "$share/shadow-service/$aws/things/+/shadow/update",
        "$share/shadow-service/$aws/things/+/shadow/name/+/update",
        "vehicles/+/telemetry",
    })
    void serviceMaySubscribeAnywhereIncludingSharedSubscriptions(String filter) {
        assertThat(policy.maySubscribe("fleet-service", filter)).isTrue();
        assertThat(policy.maySubscribe("fleet-service-2", filter)).isTrue();
    }

    @Test
    void serviceMayPublishAnywhere() {
        assertThat(policy.mayPublish("fleet-service", "$aws/things/car-1/shadow/update/delta", false)).isTrue();
        assertThat(policy.mayPublish("fleet-service-2", "$aws/things/car-1/shadow/get/accepted", false)).isTrue();
        assertThat(policy.mayPublish("fleet-service", "vehicles/car-2/commands", false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "car+1", "car#", "has space", "ünïcode"})
    void commonNamesThatAreNotThingNamesGetNothing(String commonName) {
        assertThat(policy.mayConnect(commonName)).isFalse();
        assertThat(policy.mayPublish(commonName, "vehicles/" + commonName + "/telemetry", false)).isFalse();
        assertThat(policy.maySubscribe(commonName, "vehicles/" + commonName + "/#")).isFalse();
    }

    @Test
    void thingNamesFollowAwsIotRules() {
        assertThat(TopicPolicy.isValidThingName("VIN:WDB123_x-1")).isTrue();
        assertThat(TopicPolicy.isValidThingName("x".repeat(128))).isTrue();
        assertThat(TopicPolicy.isValidThingName("x".repeat(129))).isFalse();
        assertThat(TopicPolicy.isValidThingName(null)).isFalse();
    }

    @Test
    void defaultPolicyKnowsTheDevelopmentServiceCertificate() {
        assertThat(TopicPolicy.withDefaultService().isService("fleet-service")).isTrue();
        assertThat(TopicPolicy.withDefaultService().isService("car-1")).isFalse();
    }
}
