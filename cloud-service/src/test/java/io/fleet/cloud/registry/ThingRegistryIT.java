package io.fleet.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.cloud.CloudServiceExtension;
import io.fleet.cloud.CloudServiceExtension.RunningCloud;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.AttributePayload;
import software.amazon.awssdk.services.iot.model.CreateThingResponse;
import software.amazon.awssdk.services.iot.model.DescribeThingResponse;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.ThingAttribute;
import software.amazon.awssdk.services.iot.model.VersionConflictException;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

/**
 * CreateThing, DescribeThing, UpdateThing, DeleteThing and ListThings judged by the AWS SDK's own {@link IotClient}
 * against the running service (https://docs.aws.amazon.com/iot/latest/apireference/API_Operations_AWS_IoT.html).
 * Each test uses thing names of its own, so they share one service.
 */
@ExtendWith({CloudServiceExtension.class, RegistryClients.class})
class ThingRegistryIT {

    private static IotClient iot;
    private static String httpBase;

    @BeforeAll
    static void connect(IotClient client, RunningCloud cloud) {
        iot = client;
        httpBase = cloud.httpBase();
    }

    private static Map<String, String> attributesOf(String thing) {
        return iot.describeThing(b -> b.thingName(thing)).attributes();
    }

    @Test
    void createdThingIsDescribedWithItsAttributesArnIdAndVersionOne() {
        CreateThingResponse created = iot.createThing(b -> b.thingName("reg-rig-1").attributePayload(p -> p
                .attributes(Map.of("buses", "can,canfd,ethernet", "dut", "body-ecu", "site", "lab-a"))));

        assertThat(created.thingName()).isEqualTo("reg-rig-1");
        assertThat(created.thingArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:thing/reg-rig-1");
        assertThat(created.thingId()).isNotBlank();
        DescribeThingResponse described = iot.describeThing(b -> b.thingName("reg-rig-1"));
        assertThat(described.thingName()).isEqualTo("reg-rig-1");
        assertThat(described.thingId()).isEqualTo(created.thingId());
        assertThat(described.thingArn()).isEqualTo(created.thingArn());
        assertThat(described.defaultClientId()).isEqualTo("reg-rig-1");
        assertThat(described.attributes()).containsExactlyInAnyOrderEntriesOf(
                Map.of("buses", "can,canfd,ethernet", "dut", "body-ecu", "site", "lab-a"));
        assertThat(described.version()).isEqualTo(1L);
        assertThat(described.thingTypeName()).isNull();
    }

    @Test
    void theShadowDataPlaneStillAnswersOnTheSameEndpoint() {
        iot.createThing(b -> b.thingName("reg-shadowed"));
        try (IotDataPlaneClient data = IotDataPlaneClient.builder().endpointOverride(URI.create(httpBase))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE",
                        "unused-on-loopback"))).build()) {
            data.updateThingShadow(b -> b.thingName("reg-shadowed").payload(SdkBytes.fromUtf8String(
                    "{\"state\":{\"reported\":{\"site\":\"lab-a\"}}}")));

            assertThat(data.getThingShadow(b -> b.thingName("reg-shadowed")).payload().asUtf8String())
                    .contains("\"site\":\"lab-a\"");
        }
        assertThat(iot.describeThing(b -> b.thingName("reg-shadowed")).version()).isEqualTo(1L);
    }

    @Test
    void creatingTheSameThingAgainAnswersTheSameThingButDifferentAttributesAreRefused() {
        String first = iot.createThing(b -> b.thingName("reg-same").attributePayload(p -> p
                .attributes(Map.of("site", "lab-a")))).thingId();

        String again = iot.createThing(b -> b.thingName("reg-same").attributePayload(p -> p
                .attributes(Map.of("site", "lab-a")))).thingId();
        assertThat(again).isEqualTo(first);

        assertThatThrownBy(() -> iot.createThing(b -> b.thingName("reg-same").attributePayload(p -> p
                .attributes(Map.of("site", "lab-b")))))
                .isInstanceOfSatisfying(ResourceAlreadyExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.resourceId()).isEqualTo(first);
                    assertThat(e.resourceArn()).endsWith(":thing/reg-same");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("reg-same");
                });
        assertThat(attributesOf("reg-same")).containsExactlyEntriesOf(Map.of("site", "lab-a"));
    }

    @Test
    void updateReplacesOrMergesAttributesRemovesEmptyOnesAndCountsVersions() {
        iot.createThing(b -> b.thingName("reg-upd").attributePayload(p -> p
                .attributes(Map.of("buses", "can", "site", "lab-a"))));

        iot.updateThing(b -> b.thingName("reg-upd").attributePayload(p -> p.attributes(Map.of("dut", "gateway"))
                .merge(true)));
        assertThat(attributesOf("reg-upd")).containsExactlyInAnyOrderEntriesOf(
                Map.of("buses", "can", "site", "lab-a", "dut", "gateway"));

        iot.updateThing(b -> b.thingName("reg-upd").expectedVersion(2L).attributePayload(p -> p
                .attributes(Map.of("site", "")).merge(true)));
        assertThat(attributesOf("reg-upd")).containsExactlyInAnyOrderEntriesOf(
                Map.of("buses", "can", "dut", "gateway"));

        iot.updateThing(b -> b.thingName("reg-upd").attributePayload(p -> p.attributes(Map.of("buses", "canfd"))));
        DescribeThingResponse replaced = iot.describeThing(b -> b.thingName("reg-upd"));
        assertThat(replaced.attributes()).containsExactlyEntriesOf(Map.of("buses", "canfd"));
        assertThat(replaced.version()).isEqualTo(4L);
    }

    @Test
    void updateWithAStaleExpectedVersionIsAVersionConflictAndChangesNothing() {
        iot.createThing(b -> b.thingName("reg-conflict").attributePayload(p -> p.attributes(Map.of("site", "a"))));
        iot.updateThing(b -> b.thingName("reg-conflict").attributePayload(p -> p.attributes(Map.of("site", "b"))));

        assertThatThrownBy(() -> iot.updateThing(b -> b.thingName("reg-conflict").expectedVersion(1L)
                .attributePayload(p -> p.attributes(Map.of("site", "c")))))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("reg-conflict", "expected 1",
                            "current 2");
                });
        DescribeThingResponse unchanged = iot.describeThing(b -> b.thingName("reg-conflict"));
        assertThat(unchanged.attributes()).containsExactlyEntriesOf(Map.of("site", "b"));
        assertThat(unchanged.version()).isEqualTo(2L);
    }

    @Test
    void missingThingsAreResourceNotFound() {
        assertThatThrownBy(() -> iot.describeThing(b -> b.thingName("reg-never-made")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Thing reg-never-made cannot be found.");
                });
        assertThatThrownBy(() -> iot.updateThing(b -> b.thingName("reg-never-made").attributePayload(p -> p
                .attributes(Map.of("a", "b")))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.describeThing(b -> b.thingName("reg-never-made")))
                .as("a refused update creates nothing").isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deleteChecksTheExpectedVersionAndDeletingAMissingThingSucceeds() {
        iot.createThing(b -> b.thingName("reg-del"));

        assertThatThrownBy(() -> iot.deleteThing(b -> b.thingName("reg-del").expectedVersion(7L)))
                .isInstanceOf(VersionConflictException.class);
        assertThat(iot.describeThing(b -> b.thingName("reg-del")).version()).isEqualTo(1L);

        iot.deleteThing(b -> b.thingName("reg-del").expectedVersion(1L));
        assertThatThrownBy(() -> iot.describeThing(b -> b.thingName("reg-del")))
                .isInstanceOf(ResourceNotFoundException.class);
        iot.deleteThing(b -> b.thingName("reg-del")); // AWS: "returns successfully ... a thing that doesn't exist"
    }

    @Test
    void listThingsFiltersByAttributeAndPagesWithNextToken() {
        for (int i = 1; i <= 7; i++) {
            String name = "reg-list-" + i;
            String site = i <= 5 ? "list-lab-" + i : "list-yard";
            iot.createThing(b -> b.thingName(name).attributePayload(p -> p.attributes(Map.of("site", site))));
        }

        var firstPage = iot.listThings(b -> b.attributeName("site").attributeValue("list-lab-")
                .usePrefixAttributeValue(true).maxResults(2));
        assertThat(firstPage.things()).extracting(ThingAttribute::thingName)
                .containsExactly("reg-list-1", "reg-list-2");
        assertThat(firstPage.nextToken()).isNotNull();
        assertThat(firstPage.things().get(0).attributes()).containsExactlyEntriesOf(Map.of("site", "list-lab-1"));
        assertThat(firstPage.things().get(0).version()).isEqualTo(1L);
        assertThat(firstPage.things().get(0).thingArn()).endsWith(":thing/reg-list-1");

        List<String> all = iot.listThingsPaginator(b -> b.attributeName("site").attributeValue("list-lab-")
                        .usePrefixAttributeValue(true).maxResults(2)).things().stream()
                .map(ThingAttribute::thingName).toList();
        assertThat(all).containsExactly("reg-list-1", "reg-list-2", "reg-list-3", "reg-list-4", "reg-list-5");

        assertThat(iot.listThings(b -> b.attributeName("site").attributeValue("list-yard")).things())
                .extracting(ThingAttribute::thingName).containsExactly("reg-list-6", "reg-list-7");
        assertThat(iot.listThingsPaginator(b -> b.maxResults(3)).things().stream().map(ThingAttribute::thingName))
                .contains("reg-list-1", "reg-list-7").doesNotHaveDuplicates().isSorted();
    }

    @Test
    void invalidInputIsAnInvalidRequestNamingTheFieldAndStoresNothing() {
        assertThatThrownBy(() -> iot.createThing(b -> b.thingName("reg-bad").attributePayload(p -> p
                .attributes(Map.of("site", "lab a")))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("attributePayload.attributes.site",
                            "lab a");
                });
        assertThatThrownBy(() -> iot.describeThing(b -> b.thingName("reg-bad")))
                .isInstanceOf(ResourceNotFoundException.class);

        assertThatThrownBy(() -> iot.createThing(b -> b.thingName("reg bad")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("thingName", "[a-zA-Z0-9:_-]+"));
        assertThatThrownBy(() -> iot.listThings(b -> b.maxResults(251)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("maxResults", "251"));
        assertThatThrownBy(() -> iot.listThings(b -> b.nextToken("not a token")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("nextToken"));
        assertThatThrownBy(() -> iot.createThing(b -> b.thingName("reg-typed").thingTypeName("rig")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Thing type rig does not exist"));

        iot.createThing(b -> b.thingName("reg-bad-update").attributePayload(p -> p.attributes(Map.of("a", "1"))));
        assertThatThrownBy(() -> iot.updateThing(b -> b.thingName("reg-bad-update").attributePayload(
                AttributePayload.builder().attributes(Map.of("b", "x y")).merge(true).build())))
                .isInstanceOf(InvalidRequestException.class);
        DescribeThingResponse unchanged = iot.describeThing(b -> b.thingName("reg-bad-update"));
        assertThat(unchanged.attributes()).containsExactlyEntriesOf(Map.of("a", "1"));
        assertThat(unchanged.version()).isEqualTo(1L);
    }
}
