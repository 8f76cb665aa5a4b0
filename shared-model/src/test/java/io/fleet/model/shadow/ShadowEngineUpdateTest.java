package io.fleet.model.shadow;

import static io.fleet.model.shadow.ShadowFixtures.T0;
import static io.fleet.model.shadow.ShadowFixtures.accept;
import static io.fleet.model.shadow.ShadowFixtures.assertJson;
import static io.fleet.model.shadow.ShadowFixtures.json;
import static io.fleet.model.shadow.ShadowFixtures.object;
import static io.fleet.model.shadow.ShadowFixtures.request;
import static io.fleet.model.shadow.ShadowFixtures.shadowAfter;
import static io.fleet.model.shadow.ShadowFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Updates, built from the AWS developer guide's own examples.
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-data-flow.html
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-document.html
 * https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-mqtt.html#update-delta-rules
 */
class ShadowEngineUpdateTest {

    private final ShadowEngine engine = new ShadowEngine();

    @Nested
    class Versions {

        @Test
        void theFirstUpdateCreatesVersion1() {
            UpdateResult result = accept(Optional.empty(), "{'state': {'reported': {'color': 'red'}}}", T0);

            assertThat(result.shadow().version()).isEqualTo(1);
            assertThat(result.shadow().timestamp()).isEqualTo(T0);
            assertThat(result.accepted().version()).isEqualTo(1);
            assertThat(result.documents().previous()).isEmpty();
            assertThat(result.documents().current()).isEqualTo(result.shadow());
        }

        @Test
        void everyUpdateIncrementsTheVersion() {
            StoredShadow shadow = shadowAfter("{'state': {'reported': {'a': 1}}}", "{'state': {'reported': {'a': 2}}}",
                    "{'state': {'desired': {'a': 3}}}");
            assertThat(shadow.version()).isEqualTo(3);
        }

        @Test
        void aStaleVersionIs409AndAMatchingOneIsAccepted() {
            // The optimistic-locking example: stored version 10, update with 9 rejected, with 10 accepted -> 11.
            StoredShadow v10 = new StoredShadow(object("{'colors': ['RED', 'GREEN', 'BLUE']}"),
                    ImmutableJsonObject.empty(), object("{'colors': {'timestamp': 1}}"), ImmutableJsonObject.empty(),
                    10, T0);
            UpdateRequest stale = request("{'state': {'desired': {'colors': ['BLUE']}}, 'version': 9,"
                    + " 'clientToken': '426bfd96-e720-46d3-95cd-014e3ef12bb6'}");

            ShadowResult<UpdateResult> rejected = engine.update(Optional.of(v10), stale, T0 + 1);
            assertThat(rejected.isAccepted()).isFalse();
            assertJson(tree(rejected.error()), "{'code': 409, 'message': 'Version conflict',"
                    + " 'timestamp': " + (T0 + 1) + ", 'clientToken': '426bfd96-e720-46d3-95cd-014e3ef12bb6'}");

            UpdateResult accepted = engine.update(Optional.of(v10), stale.withVersion(10), T0 + 2).value();
            assertThat(accepted.shadow().version()).isEqualTo(11);
            assertThat(accepted.shadow().desired()).isEqualTo(object("{'colors': ['BLUE']}"));
        }

        @Test
        void aVersionOnACreatingUpdateMustBe0() {
            // Our choice where AWS is silent: a missing shadow has version 0.
            UpdateRequest create = request("{'state': {'reported': {'a': 1}}, 'version': 1}");
            assertThat(engine.update(Optional.empty(), create, T0).error().code()).isEqualTo(409);
            assertThat(engine.update(Optional.empty(), create.withVersion(0), T0).value().shadow().version())
                    .isEqualTo(1);
        }

        @Test
        void aRejectedUpdateLeavesTheStoredShadowUnchanged() {
            StoredShadow stored =
                    shadowAfter("{'state': {'desired': {'color': 'green'}, 'reported': {'color': 'red'}}}");
            byte[] before = ShadowJson.storedBytes(stored);

            ShadowResult<UpdateResult> conflict = engine.update(Optional.of(stored),
                    request("{'state': {'desired': {'color': 'blue'}}, 'version': 7}"), T0 + 10);
            ShadowResult<UpdateResult> tooBig = engine.update(Optional.of(stored),
                    request("{'state': {'reported': {'big': '" + "x".repeat(8150) + "'}}}"), T0 + 10);

            assertThat(conflict.isAccepted()).isFalse();
            assertThat(tooBig.isAccepted()).isFalse();
            assertThat(ShadowJson.storedBytes(stored)).isEqualTo(before);
            assertThat(stored.desired().at("/color")).contains(json("'green'"));
        }
    }

    @Nested
    class Delta {

        @Test
        void lightbulbDesiredGreenWhileReportedRedGivesADeltaThenReportingGreenClearsIt() {
            StoredShadow red = shadowAfter("{'state': {'reported': {'color': 'red'}}}");

            UpdateResult wantGreen = accept(Optional.of(red), "{'state': {'desired': {'color': 'green'}},"
                    + " 'clientToken': 'app-1'}", T0 + 10);
            assertThat(wantGreen.delta()).isPresent();
            assertJson(tree(wantGreen.delta().get()), "{'state': {'color': 'green'},"
                    + " 'metadata': {'color': {'timestamp': " + (T0 + 10) + "}}, 'version': 2,"
                    + " 'timestamp': " + (T0 + 10) + ", 'clientToken': 'app-1'}");

            UpdateResult reportGreen = accept(Optional.of(wantGreen.shadow()),
                    "{'state': {'reported': {'color': 'green'}}}", T0 + 20);
            assertThat(reportGreen.delta()).isEmpty();
            assertThat(reportGreen.shadow().delta().isEmpty()).isTrue();
        }

        @Test
        void nestedDifferencesKeepTheirPathAndOnlyTheDifferingLeaves() {
            StoredShadow reported = shadowAfter(
                    "{'state': {'reported': {'lights': {'color': 'GREEN', 'brightness': 80}, 'engine': 'ON'}}}");
            UpdateResult result = accept(Optional.of(reported),
                    "{'state': {'desired': {'lights': {'color': 'RED', 'brightness': 80}, 'engine': 'ON'}}}", T0 + 5);

            DeltaDocument delta = result.delta().orElseThrow();
            assertThat(delta.state()).isEqualTo(object("{'lights': {'color': 'RED'}}"));
            assertThat(delta.metadata()).isEqualTo(object("{'lights': {'color': {'timestamp': " + (T0 + 5) + "}}}"));
        }

        @Test
        void theDeltaHoldsEveryDifferingDesiredValueNotOnlyThoseOfThisRequest() {
            StoredShadow stored = shadowAfter("{'state': {'desired': {'color': 'red'}}}");
            UpdateResult result = accept(Optional.of(stored), "{'state': {'desired': {'power': 'on'}}}", T0 + 5);

            assertThat(result.delta().orElseThrow().state()).isEqualTo(object("{'color': 'red', 'power': 'on'}"));
            assertThat(result.delta().orElseThrow().metadata()).isEqualTo(
                    object("{'color': {'timestamp': " + T0 + "}, 'power': {'timestamp': " + (T0 + 5) + "}}"));
        }

        @Test
        void anUpdateOfReportedOnlyPublishesNoDeltaEvenIfStateDiffers() {
            StoredShadow stored = shadowAfter("{'state': {'desired': {'color': 'green'}}}");
            UpdateResult result = accept(Optional.of(stored), "{'state': {'reported': {'color': 'red'}}}", T0 + 5);

            assertThat(result.delta()).isEmpty();
            assertThat(result.shadow().delta()).isEqualTo(object("{'color': 'green'}"));
        }

        @Test
        void reportedOnlyValuesAreNotInTheDeltaAndValuesDeletedFromReportedAre() {
            StoredShadow stored = shadowAfter("{'state': {'reported': {'a': 1, 'b': 2, 'extra': true}}}",
                    "{'state': {'desired': {'a': 1, 'b': 2}}}", "{'state': {'reported': {'b': null}}}");
            assertThat(stored.delta()).isEqualTo(object("{'b': 2}"));
        }

        @Test
        void arraysAreComparedWhole() {
            StoredShadow stored = shadowAfter("{'state': {'reported': {'seq': [1, 2], 'same': [1, 2]}}}");
            UpdateResult result = accept(Optional.of(stored),
                    "{'state': {'desired': {'seq': [2, 1], 'same': [1, 2]}}}", T0 + 5);
            assertThat(result.delta().orElseThrow().state()).isEqualTo(object("{'seq': [2, 1]}"));
        }

        @Test
        void numbersCompareByValue() {
            StoredShadow stored = shadowAfter("{'state': {'reported': {'temp': 21}}}");
            UpdateResult result = accept(Optional.of(stored), "{'state': {'desired': {'temp': 21.0}}}", T0 + 5);
            assertThat(result.delta()).isEmpty();
        }
    }

    @Nested
    class Deleting {

        @Test
        void nullDeletesAKeyAndItsMetadata() {
            StoredShadow stored = shadowAfter("{'state': {'desired': {'color': {'r': 10}, 'engine': 'ON'}}}");
            UpdateResult result = accept(Optional.of(stored), "{'state': {'desired': {'engine': null}}}", T0 + 5);

            assertThat(result.shadow().desired()).isEqualTo(object("{'color': {'r': 10}}"));
            assertThat(result.shadow().desiredMetadata()).isEqualTo(object("{'color': {'r': {'timestamp': " + T0
                    + "}}}"));
            // The accepted document repeats the deletion as sent.
            assertJson(tree(result.accepted()).get("state"), "{'desired': {'engine': null}}");
            assertJson(tree(result.accepted()).get("metadata"),
                    "{'desired': {'engine': {'timestamp': " + (T0 + 5) + "}}}");
        }

        @Test
        void desiredNullRemovesTheWholeSection() {
            StoredShadow stored =
                    shadowAfter("{'state': {'desired': {'color': 'red'}, 'reported': {'color': 'blue'}}}");
            UpdateResult result = accept(Optional.of(stored),
                    "{'state': {'reported': {'color': 'red'}, 'desired': null}}", T0 + 5);

            assertThat(result.shadow().desired().isEmpty()).isTrue();
            assertThat(result.shadow().desiredMetadata().isEmpty()).isTrue();
            assertThat(result.shadow().reported()).isEqualTo(object("{'color': 'red'}"));
            assertThat(result.delta()).isEmpty();
            assertJson(tree(result.accepted()).get("state"), "{'desired': null, 'reported': {'color': 'red'}}");
        }

        @Test
        void objectsEmptiedByDeletionDisappear() {
            StoredShadow stored =
                    shadowAfter("{'state': {'desired': {'lights': {'color': 'red'}}, 'reported': {'x': 1}}}");
            UpdateResult result = accept(Optional.of(stored), "{'state': {'desired': {'lights': {'color': null}}}}",
                    T0 + 5);

            assertThat(result.shadow().desired().isEmpty()).isTrue();
            assertJson(tree(new GetAccepted(result.shadow(), result.shadow().delta(), T0 + 6, Optional.empty()))
                    .get("state"), "{'reported': {'x': 1}}");
        }

        @Test
        void aShadowWhoseSectionsAllVanishStillExistsWithEmptyState() {
            StoredShadow stored = shadowAfter("{'state': {'desired': {'a': 1}, 'reported': {'b': 2}}}");
            UpdateResult result = accept(Optional.of(stored), "{'state': {'desired': null, 'reported': null}}",
                    T0 + 5);

            GetAccepted get = engine.get(ShadowFixtures.CLASSIC, Optional.of(result.shadow()), Optional.empty(),
                    T0 + 6).value();
            assertJson(tree(get), "{'state': {}, 'metadata': {}, 'version': 2, 'timestamp': "
                    + (T0 + 6) + "}");
        }
    }

    @Nested
    class Merging {

        @Test
        void anArrayIsReplacedWhole() {
            // device-shadow-document.html#device-shadow-arrays
            StoredShadow stored = shadowAfter("{'state': {'desired': {'colors': ['RED', 'GREEN', 'BLUE']}}}");
            UpdateResult result = accept(Optional.of(stored), "{'state': {'desired': {'colors': ['RED']}}}", T0 + 5);
            assertThat(result.shadow().desired()).isEqualTo(object("{'colors': ['RED']}"));
            assertThat(result.shadow().desiredMetadata())
                    .isEqualTo(object("{'colors': [{'timestamp': " + (T0 + 5) + "}]}"));
        }

        @Test
        void updatesAffectOnlyTheFieldsSentAndNestedObjectsMerge() {
            StoredShadow stored = shadowAfter("{'state': {'reported': {'color': {'r': 1, 'g': 2}, 'engine': 'OFF'}}}");
            UpdateResult result = accept(Optional.of(stored), "{'state': {'reported': {'color': {'r': 10}}}}", T0 + 5);

            assertThat(result.shadow().reported()).isEqualTo(object("{'color': {'r': 10, 'g': 2}, 'engine': 'OFF'}"));
            assertThat(result.shadow().reportedMetadata()).isEqualTo(object("{'color': {'r': {'timestamp': "
                    + (T0 + 5) + "}, 'g': {'timestamp': " + T0 + "}}, 'engine': {'timestamp': " + T0 + "}}"));
            assertThat(result.accepted().reportedMetadata())
                    .isEqualTo(object("{'color': {'r': {'timestamp': " + (T0 + 5) + "}}}"));
        }

        @Test
        void aMergedStateOver8KbIs413ThoughTheRequestIsSmall() {
            StoredShadow stored = shadowAfter("{'state': {'reported': {'a': '" + "x".repeat(5000) + "'}}}");
            ShadowResult<UpdateResult> result = engine.update(Optional.of(stored),
                    request("{'state': {'reported': {'b': '" + "y".repeat(4000) + "'}}}"), T0 + 5);
            assertThat(result.error().code()).isEqualTo(413);
        }

        @Test
        void metadataDoesNotCountTowardTheLimit() {
            // 600 keys: the state stays under 8 KB while its metadata is far larger.
            StringBuilder keys = new StringBuilder();
            for (int i = 0; i < 600; i++) {
                keys.append(i == 0 ? "" : ", ").append("'k").append(i).append("': 1");
            }
            UpdateResult result = accept(Optional.empty(), "{'state': {'reported': {" + keys + "}}}", T0);
            assertThat(result.shadow().reported().toString().length()).isLessThan(ShadowLimits.MAX_STATE_BYTES);
            assertThat(ShadowJson.storedBytes(result.shadow()).length).isGreaterThan(2 * ShadowLimits.MAX_STATE_BYTES);
        }
    }

    @Nested
    class Documents {

        @Test
        void updateDocumentsCarryPreviousAndCurrentAndEchoTheClientToken() {
            StoredShadow stored = shadowAfter("{'state': {'reported': {'color': 'red'}}}");
            UpdateResult result = accept(Optional.of(stored),
                    "{'state': {'reported': {'color': 'green'}}, 'clientToken': 'dev-7'}", T0 + 5);

            assertJson(tree(result.documents()), "{"
                    + "'previous': {'state': {'reported': {'color': 'red'}},"
                    + "  'metadata': {'reported': {'color': {'timestamp': " + T0 + "}}}, 'version': 1},"
                    + "'current': {'state': {'reported': {'color': 'green'}},"
                    + "  'metadata': {'reported': {'color': {'timestamp': " + (T0 + 5) + "}}}, 'version': 2},"
                    + "'timestamp': " + (T0 + 5) + ", 'clientToken': 'dev-7'}");
            assertThat(result.accepted().clientToken()).contains(ClientToken.of("dev-7"));
        }

        @Test
        void acceptedDocumentHasTheSentStateMetadataForSentLeavesVersionTimestampAndToken() {
            StoredShadow stored = shadowAfter("{'state': {'reported': {'other': 1}}}");
            UpdateResult result = accept(Optional.of(stored), "{'state': {'desired': {'color': {'r': 10},"
                    + " 'engine': 'ON'}}, 'clientToken': 'app-2', 'thingName': 'lightbulb-1'}", T0 + 5);

            assertJson(tree(result.accepted()), "{"
                    + "'state': {'desired': {'color': {'r': 10}, 'engine': 'ON'}},"
                    + "'metadata': {'desired': {'color': {'r': {'timestamp': " + (T0 + 5) + "}},"
                    + "  'engine': {'timestamp': " + (T0 + 5) + "}}},"
                    + "'version': 2, 'timestamp': " + (T0 + 5) + ", 'clientToken': 'app-2'}");
        }
    }
}
