package io.fleet.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateThingGroupResponse;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/** CreateThingGroup, AddThingToThingGroup and ListThingsInThingGroup judged by the SDK's own {@link IotClient}. */
@ExtendWith(RegistryClients.class)
class ThingGroupIT {

    private static IotClient iot;

    @BeforeAll
    static void connect(IotClient client) {
        iot = client;
    }

    private static List<String> thingsIn(String group, boolean recursive) {
        return iot.listThingsInThingGroupPaginator(b -> b.thingGroupName(group).recursive(recursive).maxResults(2))
                .things().stream().toList();
    }

    @Test
    void groupsHoldThingsAddedByNameOrArnAndListThemRecursively() {
        CreateThingGroupResponse pool = iot.createThingGroup(b -> b.thingGroupName("grp-pool")
                .thingGroupProperties(p -> p.thingGroupDescription("HiL rigs")
                        .attributePayload(a -> a.attributes(Map.of("site", "lab-a")))));
        assertThat(pool.thingGroupArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:thinggroup/grp-pool");
        assertThat(pool.thingGroupId()).isNotBlank();
        iot.createThingGroup(b -> b.thingGroupName("grp-pool-canfd").parentGroupName("grp-pool"));
        for (String rig : List.of("grp-rig-1", "grp-rig-2", "grp-rig-3")) {
            iot.createThing(b -> b.thingName(rig));
        }

        iot.addThingToThingGroup(b -> b.thingGroupName("grp-pool").thingName("grp-rig-1"));
        String rig2Arn = iot.describeThing(b -> b.thingName("grp-rig-2")).thingArn();
        iot.addThingToThingGroup(b -> b.thingGroupArn(pool.thingGroupArn()).thingArn(rig2Arn));
        iot.addThingToThingGroup(b -> b.thingGroupName("grp-pool").thingName("grp-rig-2")); // again: no change
        iot.addThingToThingGroup(b -> b.thingGroupName("grp-pool-canfd").thingName("grp-rig-3"));
        iot.addThingToThingGroup(b -> b.thingGroupName("grp-pool-canfd").thingName("grp-rig-1"));

        assertThat(thingsIn("grp-pool", false)).containsExactly("grp-rig-1", "grp-rig-2");
        assertThat(thingsIn("grp-pool", true)).containsExactly("grp-rig-1", "grp-rig-2", "grp-rig-3");
        assertThat(thingsIn("grp-pool-canfd", false)).containsExactly("grp-rig-1", "grp-rig-3");
        var firstPage = iot.listThingsInThingGroup(b -> b.thingGroupName("grp-pool").recursive(true).maxResults(2));
        assertThat(firstPage.things()).containsExactly("grp-rig-1", "grp-rig-2");
        assertThat(firstPage.nextToken()).isNotNull();

        iot.deleteThing(b -> b.thingName("grp-rig-3"));
        assertThat(thingsIn("grp-pool", true)).containsExactly("grp-rig-1", "grp-rig-2");
    }

    @Test
    void creatingAGroupAgainIsIdempotentUnlessItsPropertiesDiffer() {
        String id = iot.createThingGroup(b -> b.thingGroupName("grp-twice")
                .thingGroupProperties(p -> p.thingGroupDescription("first"))).thingGroupId();
        assertThat(iot.createThingGroup(b -> b.thingGroupName("grp-twice")
                .thingGroupProperties(p -> p.thingGroupDescription("first"))).thingGroupId()).isEqualTo(id);

        assertThatThrownBy(() -> iot.createThingGroup(b -> b.thingGroupName("grp-twice")
                .thingGroupProperties(p -> p.thingGroupDescription("second"))))
                .isInstanceOfSatisfying(ResourceAlreadyExistsException.class, e -> {
                    assertThat(e.resourceId()).isEqualTo(id);
                    assertThat(e.resourceArn()).endsWith(":thinggroup/grp-twice");
                });
    }

    @Test
    void missingGroupsThingsAndParentsAreResourceNotFoundAndChangeNothing() {
        iot.createThing(b -> b.thingName("grp-lonely"));
        iot.createThingGroup(b -> b.thingGroupName("grp-empty"));

        assertThatThrownBy(() -> iot.addThingToThingGroup(b -> b.thingGroupName("grp-none").thingName("grp-lonely")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Thing Group grp-none cannot be found."));
        assertThatThrownBy(() -> iot.addThingToThingGroup(b -> b.thingGroupName("grp-empty").thingName("grp-none")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Thing grp-none cannot be found."));
        assertThatThrownBy(() -> iot.listThingsInThingGroup(b -> b.thingGroupName("grp-none")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.createThingGroup(b -> b.thingGroupName("grp-orphan")
                .parentGroupName("grp-none")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.listThingsInThingGroup(b -> b.thingGroupName("grp-orphan")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(thingsIn("grp-empty", true)).isEmpty();
    }

    @Test
    void addingWithoutAThingOrWithAForeignArnIsAnInvalidRequest() {
        iot.createThingGroup(b -> b.thingGroupName("grp-strict"));

        assertThatThrownBy(() -> iot.addThingToThingGroup(b -> b.thingGroupName("grp-strict")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("thingName or thingArn is required"));
        assertThatThrownBy(() -> iot.addThingToThingGroup(b -> b.thingGroupName("grp-strict")
                .thingArn("arn:aws:iot:eu-west-1:123456789012:thing/elsewhere")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("thingArn", "elsewhere"));
        assertThatThrownBy(() -> iot.createThingGroup(b -> b.thingGroupName("grp-tagged")
                .tags(t -> t.key("team").value("hil"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("tags"));
        assertThatThrownBy(() -> iot.listThingsInThingGroup(b -> b.thingGroupName("grp-tagged")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
