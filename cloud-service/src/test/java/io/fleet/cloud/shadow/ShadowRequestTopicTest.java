package io.fleet.cloud.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.shadow.ShadowTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShadowRequestTopicTest {

    @Test
    void theThreeOperationsAreRequests() {
        assertThat(ShadowRequestTopic.classify("$aws/things/car-1/shadow/name/cabin/update")).hasValueSatisfying(
                topic -> assertThat(((ShadowRequestTopic.Request) topic).name().topic()).isEqualTo(ShadowTopic.UPDATE));
        assertThat(ShadowRequestTopic.classify("$aws/things/car-1/shadow/get"))
                .containsInstanceOf(ShadowRequestTopic.Request.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$aws/things/car-1/shadow/frobnicate | Unsupported shadow operation: 'frobnicate'; use get, update or delete",
        "$aws/things/car-1/shadow/name | Unsupported shadow operation: 'name'; use get, update or delete",
        "$aws/things/car-1/shadow/name/cabin/frobnicate | Unsupported shadow operation: 'frobnicate'; use get, "
                + "update or delete",
        "$aws/things/car-1/shadow/name/bad.name/update | Invalid shadow name",
        "$aws/things/car-1/shadow/name//get | Invalid shadow name",
        "$aws/things/car-1/shadow/name/"
                + "a12345678901234567890123456789012345678901234567890123456789012345/delete | Invalid shadow name",
        "$aws/things/bad.thing/shadow/update | Invalid thing name",
    })
    void unservableRequestsAreAnsweredOnTheirRejectedTopic(String topic, String message) {
        assertThat(ShadowRequestTopic.classify(topic))
                .contains(new ShadowRequestTopic.Unservable(topic + "/rejected", message));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$aws/things/car-1/shadow/update/accepted",
        "$aws/things/car-1/shadow/update/delta",
        "$aws/things/car-1/shadow/frobnicate/rejected",
        "$aws/things/car-1/shadow/name/bad.name/update/rejected",
        "$aws/things/car-1/shadow/name/cabin/update/documents",
        "$aws/things/car-1/shadow/update/foo",
        "$aws/things/car-1/jobs/get",
        "vehicles/car-1/telemetry",
        "$aws/events/presence/connected/car-1",
    })
    void answersAndOtherTopicsAreNoRequests(String topic) {
        assertThat(ShadowRequestTopic.classify(topic)).isEmpty();
    }
}
