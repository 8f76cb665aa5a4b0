package io.fleet.model.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Thing and shadow names, topic prefixes and client tokens.
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-mqtt.html
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-document.html#client-token
 */
class ShadowIdentifiersTest {

    @Test
    void thingNameAcceptsTheAwsCharacterSetUpTo128Characters() {
        assertThat(ThingName.of("Car:VIN_123-a").value()).isEqualTo("Car:VIN_123-a");
        assertThat(ThingName.of("x".repeat(128)).value()).hasSize(128);
    }

    @Test
    void thingNameRejectsEmptyTooLongAndForeignCharacters() {
        assertThatThrownBy(() -> ThingName.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThingName.of("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThingName.of("my thing")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThingName.of("a/b")).hasMessageContaining("thing name");
        assertThatThrownBy(() -> ThingName.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shadowNameIsLimitedTo64Characters() {
        assertThat(ShadowName.of("s".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> ShadowName.of("s".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShadowName.of("a+b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void classicAndNamedShadowsHaveTheAwsTopicPrefixes() {
        ThingName thing = ThingName.of("car-1");
        ShadowId classic = ShadowId.classic(thing);
        ShadowId named = ShadowId.named(thing, ShadowName.of("doors"));

        assertThat(classic.isClassic()).isTrue();
        assertThat(classic.topicPrefix()).isEqualTo("$aws/things/car-1/shadow");
        assertThat(named.isClassic()).isFalse();
        assertThat(named.topicPrefix()).isEqualTo("$aws/things/car-1/shadow/name/doors");
        assertThat(named.topic(ShadowTopic.UPDATE_DELTA)).isEqualTo("$aws/things/car-1/shadow/name/doors/update/delta");
        assertThat(classic.topic(ShadowTopic.GET_ACCEPTED)).isEqualTo("$aws/things/car-1/shadow/get/accepted");
    }

    @Test
    void requestTopicsNameTheirResponseTopics() {
        assertThat(ShadowTopic.UPDATE.isRequest()).isTrue();
        assertThat(ShadowTopic.UPDATE.accepted()).contains(ShadowTopic.UPDATE_ACCEPTED);
        assertThat(ShadowTopic.DELETE.rejected()).contains(ShadowTopic.DELETE_REJECTED);
        assertThat(ShadowTopic.UPDATE_DELTA.isRequest()).isFalse();
        assertThat(ShadowTopic.UPDATE_DELTA.accepted()).isEmpty();
    }

    @Test
    void clientTokenIsLimitedTo64BytesNotCharacters() {
        assertThat(ClientToken.of("t".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> ClientToken.of("t".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        // 22 euro signs are 22 characters but 66 bytes in UTF-8.
        assertThat(ClientToken.fits("\u20ac".repeat(21))).isTrue();
        assertThat(ClientToken.fits("\u20ac".repeat(22))).isFalse();
    }

    @Test
    void topicNamesParseBackToShadowAndTopic() {
        ThingName thing = ThingName.of("car-1");
        assertThat(ShadowTopicName.parse("$aws/things/car-1/shadow/update"))
                .contains(new ShadowTopicName(ShadowId.classic(thing), ShadowTopic.UPDATE));
        assertThat(ShadowTopicName.parse("$aws/things/car-1/shadow/name/doors/get"))
                .contains(new ShadowTopicName(ShadowId.named(thing, ShadowName.of("doors")), ShadowTopic.GET));
        assertThat(ShadowTopicName.parse("$aws/things/shadow/shadow/name/name/update/delta").orElseThrow()
                .toString()).isEqualTo("$aws/things/shadow/shadow/name/name/update/delta");
    }

    @Test
    void topicNamesThatAreNotShadowTopicsDoNotParse() {
        assertThat(ShadowTopicName.parse("$aws/things/car-1/shadow/upsert")).isEmpty();
        assertThat(ShadowTopicName.parse("$aws/things/car-1/shadow/name/doors")).isEmpty();
        assertThat(ShadowTopicName.parse("$aws/things/car+1/shadow/get")).isEmpty();
        assertThat(ShadowTopicName.parse("$aws/things/car-1/jobs/get")).isEmpty();
        assertThat(ShadowTopicName.parse("vehicles/car-1/telemetry")).isEmpty();
    }
}
