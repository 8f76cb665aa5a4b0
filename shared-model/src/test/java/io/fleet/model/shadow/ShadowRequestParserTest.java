package io.fleet.model.shadow;

import static io.fleet.model.shadow.ShadowFixtures.T0;
import static io.fleet.model.shadow.ShadowFixtures.assertJson;
import static io.fleet.model.shadow.ShadowFixtures.json;
import static io.fleet.model.shadow.ShadowFixtures.repeat;
import static io.fleet.model.shadow.ShadowFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Parsing of update requests and the errors AWS answers with.
 * Error codes and messages: https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-error-messages.html
 * Request document: https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-document.html
 * Limits (8 KB state, metadata not counted, 6 levels):
 * https://docs.aws.amazon.com/general/latest/gr/iot-core.html#device-shadow-limits and
 * https://docs.aws.amazon.com/iot/latest/developerguide/diagnosing-shadows.html
 */
class ShadowRequestParserTest {

    private final ShadowRequestParser parser = new ShadowRequestParser();

    private ShadowError rejection(String singleQuoted) {
        return rejection(utf8(singleQuoted));
    }

    private ShadowError rejection(byte[] payload) {
        ShadowResult<UpdateRequest> result = parser.parseUpdate(payload, T0);
        assertThat(result.isAccepted()).as("rejected").isFalse();
        return result.error();
    }

    private UpdateRequest accepted(String singleQuoted) {
        return accepted(utf8(singleQuoted));
    }

    private UpdateRequest accepted(byte[] payload) {
        ShadowResult<UpdateRequest> result = parser.parseUpdate(payload, T0);
        assertThat(result.isAccepted()).as("accepted, but was %s", result).isTrue();
        return result.value();
    }

    @Nested
    class Sections {

        @Test
        void absentNullAndObjectSectionsAreThreeDifferentPatches() {
            UpdateRequest request = accepted("{'state': {'desired': null}}");
            assertThat(request.desired()).isEqualTo(SectionPatch.REMOVE);
            assertThat(request.reported()).isEqualTo(SectionPatch.ABSENT);

            UpdateRequest merge = accepted("{'state': {'reported': {'color': 'red', 'engine': null}}}");
            assertThat(merge.reported()).isInstanceOf(SectionPatch.Merge.class);
            assertJson(((SectionPatch.Merge) merge.reported()).changes().toObjectNode(),
                    "{'color': 'red', 'engine': null}");
        }

        @Test
        void unknownTopLevelFieldsLikeTheSdksThingNameAreIgnored() {
            UpdateRequest request = accepted("{'state': {'desired': {'on': true}}, 'thingName': 'lightbulb-1',"
                    + " 'somethingElse': [1, 2]}");
            assertThat(request.desired()).isEqualTo(SectionPatch.merge(ShadowFixtures.object("{'on': true}")));
        }

        @Test
        void clientTokenAndVersionAreRead() {
            UpdateRequest request = accepted("{'state': {'desired': {'on': true}}, 'clientToken': 'abc',"
                    + " 'version': 10}");
            assertThat(request.clientToken()).contains(ClientToken.of("abc"));
            assertThat(request.version()).isEqualTo(OptionalLong.of(10));
        }
    }

    @Nested
    class Rejections {

        @Test
        void nonUtf8PayloadIs415() {
            byte[] latin1 = "{\"state\":{\"desired\":{\"name\":\"Sch\u00fctz\"}}}"
                    .getBytes(StandardCharsets.ISO_8859_1);
            ShadowError error = rejection(latin1);
            assertThat(error.code()).isEqualTo(415);
            assertThat(error.message()).isEqualTo("Unsupported documented encoding; supported encoding is UTF-8");
        }

        @Test
        void malformedJsonIs400InvalidJsonWithoutClientToken() {
            ShadowError error = rejection("{'state': {'desired': {'on': true}}, 'clientToken': 'abc'");
            assertThat(error.code()).isEqualTo(400);
            assertThat(error.message()).isEqualTo("Invalid JSON");
            assertThat(error.clientToken()).isEmpty();
            assertThat(rejection(new byte[0]).message()).isEqualTo("Invalid JSON");
            assertThat(rejection("{'state': {}, 'state': {}}").message()).as("duplicate key").isEqualTo("Invalid JSON");
        }

        @Test
        void missingStateIs400AndEchoesTheClientToken() {
            ShadowError error = rejection("{'clientToken': 'abc'}");
            assertThat(error.code()).isEqualTo(400);
            assertThat(error.message()).isEqualTo("Missing required node: state");
            assertThat(error.clientToken()).contains(ClientToken.of("abc"));
        }

        @Test
        void stateDesiredAndReportedMustBeObjects() {
            assertThat(rejection("{'state': 5}").message()).isEqualTo("State node must be an object");
            assertThat(rejection("{'state': null}").message()).isEqualTo("State node must be an object");
            assertThat(rejection("{'state': {'desired': 'on'}}").message()).isEqualTo("Desired node must be an object");
            assertThat(rejection("{'state': {'reported': [1]}}").message())
                    .isEqualTo("Reported node must be an object");
        }

        @Test
        void otherNodesInStateAreInvalid() {
            ShadowError error = rejection("{'state': {'delta': {'on': true}}}");
            assertThat(error.code()).isEqualTo(400);
            assertThat(error.message()).isEqualTo("State contains an invalid node: 'delta'");
        }

        @Test
        void versionMustBeANonNegativeWholeNumber() {
            for (String version : new String[] {"'10'", "1.5", "-1", "true", "{}"}) {
                ShadowError error = rejection("{'state': {'desired': {'on': true}}, 'version': " + version + "}");
                assertThat(error.code()).as(version).isEqualTo(400);
                assertThat(error.message()).as(version).isEqualTo("Invalid version");
            }
        }

        @Test
        void clientTokenLongerThan64BytesOrNotAStringIsInvalid() {
            assertThat(accepted("{'state': {}, 'clientToken': '" + repeat('t', 64) + "'}").clientToken())
                    .contains(ClientToken.of(repeat('t', 64)));
            ShadowError tooLong = rejection("{'state': {}, 'clientToken': '" + repeat('t', 65) + "'}");
            assertThat(tooLong.code()).isEqualTo(400);
            assertThat(tooLong.message()).isEqualTo("Invalid clientToken");
            assertThat(tooLong.clientToken()).isEmpty();
            assertThat(rejection("{'state': {}, 'clientToken': 42}").message()).isEqualTo("Invalid clientToken");
        }

        @Test
        void arraysMustNotContainNull() {
            // "Arrays can't have null values" (device-shadow-document.html#device-shadow-arrays)
            ShadowError error = rejection("{'state': {'desired': {'colors': [null, 'RED', 'GREEN']}}}");
            assertThat(error.code()).isEqualTo(400);
            assertThat(error.message()).isEqualTo("State contains an invalid node: 'colors'");
        }
    }

    @Nested
    class Nesting {

        private String nested(int levels) {
            StringBuilder json = new StringBuilder("{'state': {'desired': ");
            for (int level = 1; level <= levels; level++) {
                json.append("{'l").append(level).append("': ");
            }
            json.append("1").append("}".repeat(levels)).append("}}");
            return json.toString();
        }

        @Test
        void sixLevelsInsideDesiredAreAccepted() {
            assertThat(JsonTrees.levels(((SectionPatch.Merge) accepted(nested(6)).desired()).changes().node()))
                    .isEqualTo(6);
        }

        @Test
        void sevenLevelsAreRejected() {
            ShadowError error = rejection(nested(7));
            assertThat(error.code()).isEqualTo(400);
            assertThat(error.message()).isEqualTo("JSON contains too many levels of nesting; maximum is 6");
        }

        @Test
        void arraysAreValuesAndAddNoLevelOfTheirOwn() {
            accepted("{'state': {'reported': {'a': {'b': {'c': {'d': {'e': {'f': [[1, 2], [3]]}}}}}}}}");
            assertThat(rejection("{'state': {'reported': {'a': {'b': {'c': {'d': {'e': {'f': [{'g': 1}]}}}}}}}}")
                    .message()).isEqualTo("JSON contains too many levels of nesting; maximum is 6");
        }
    }

    @Nested
    class Size {

        /** {"desired":{"k":"..."}} is 20 bytes plus the string, measured compact. */
        private String stateOfBytes(int bytes, String whitespace) {
            return "{'state':" + whitespace + "{'desired': {'k': '" + repeat('x', bytes - 20) + "'}}}";
        }

        @Test
        void aStateOfExactly8192BytesIsAccepted() {
            UpdateRequest request = accepted(stateOfBytes(8192, " "));
            assertThat(request.desired()).isInstanceOf(SectionPatch.Merge.class);
        }

        @Test
        void aStateOf8193BytesIs413() {
            ShadowError error = rejection(stateOfBytes(8193, ""));
            assertThat(error.code()).isEqualTo(413);
            assertThat(error.message()).isEqualTo("The payload exceeds the maximum size allowed");
        }

        @Test
        void whitespaceClientTokenAndVersionDoNotCount() {
            String padded = stateOfBytes(8192, repeat(' ', 500)).replace("}}}",
                    "}}, 'clientToken': '" + repeat('t', 64) + "', 'version': 123456789}");
            assertThat(utf8(padded).length).isGreaterThan(8192 + 500);
            accepted(padded);
        }

        @Test
        void payloadsBeyondTheMqttLimitAreRefusedUnparsed() {
            ShadowError error = rejection(new byte[ShadowLimits.MAX_PAYLOAD_BYTES + 1]);
            assertThat(error.code()).isEqualTo(413);
        }
    }

    @Nested
    class GetAndDelete {

        @Test
        void emptyOrMalformedPayloadIsARequestWithoutToken() {
            assertThat(parser.parseGetOrDelete(new byte[0], T0).value()).isEqualTo(GetOrDeleteRequest.EMPTY);
            assertThat(parser.parseGetOrDelete(utf8("not json"), T0).value()).isEqualTo(GetOrDeleteRequest.EMPTY);
        }

        @Test
        void clientTokenAndVersionAreReadAndThingNameIgnored() {
            GetOrDeleteRequest request = parser.parseGetOrDelete(
                    utf8("{'clientToken': 'abc', 'thingName': 'lightbulb-1', 'version': 3}"), T0).value();
            assertThat(request.clientToken()).contains(ClientToken.of("abc"));
            assertThat(request.version()).isEqualTo(OptionalLong.of(3));
        }

        @Test
        void tooLongClientTokenIsRejected() {
            ShadowResult<GetOrDeleteRequest> result =
                    parser.parseGetOrDelete(utf8("{'clientToken': '" + repeat('t', 65) + "'}"), T0);
            assertThat(result.isAccepted()).isFalse();
            assertThat(result.error().message()).isEqualTo("Invalid clientToken");
        }
    }
}
