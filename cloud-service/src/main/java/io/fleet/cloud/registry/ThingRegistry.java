package io.fleet.cloud.registry;

import io.fleet.cloud.controlplane.AsyncTransactions;
import io.fleet.cloud.controlplane.ControlPlaneException;
import io.fleet.cloud.controlplane.Page;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * The AWS IoT thing registry: things with attributes and versions, and static thing groups, in PostgreSQL. Each
 * operation is one transaction; a refused request changes nothing. Names are checked here, so every caller (the
 * HTTP control plane, in-process features) gets the same rules.
 *
 * <p>Threads: every method returns at once; the work runs on {@code executor} (JDBC blocks), and refusals come
 * back as futures failed with a {@link ControlPlaneException}, never as a thrown exception.
 */
public final class ThingRegistry {

    private final AsyncTransactions transactions;
    private final Clock clock;
    private final ResourceArns arns;
    private final ThingStore store = new ThingStore();

    public ThingRegistry(DataSource dataSource, Executor executor, Clock clock, ResourceArns arns) {
        this.transactions = new AsyncTransactions(dataSource, executor);
        this.clock = clock;
        this.arns = arns;
    }

    public ResourceArns arns() {
        return arns;
    }

    /**
     * Creates the thing, or answers the existing one when it has the same type and attributes (AWS's CreateThing
     * is idempotent so); an existing thing that differs is ResourceAlreadyExistsException.
     */
    public CompletableFuture<Thing> createThing(String name, String typeName, Map<String, String> attributes,
                                                String billingGroupName) {
        return transactions.run(c -> {
            RegistryNames.name("thingName", name);
            requireNoThingType(typeName);
            if (billingGroupName != null) {
                RegistryNames.name("billingGroupName", billingGroupName);
                throw ControlPlaneException.notFound("Billing group " + billingGroupName + " does not exist");
            }
            Map<String, String> stored = withoutEmptyValues(attributes);
            RegistryNames.attributes("attributePayload.attributes", attributes);
            RegistryNames.attributeCount(name, stored.size());
            Thing thing = new Thing(name, UUID.randomUUID(), null, stored, 1);
            if (store.insert(c, thing, clock.millis())) {
                return thing;
            }
            Thing existing = store.thing(c, name, false).orElseThrow(() -> new SQLException(
                    "thing " + name + " was neither inserted nor found"));
            if (!Objects.equals(existing.typeName(), thing.typeName())
                    || !existing.attributes().equals(thing.attributes())) {
                throw ControlPlaneException.alreadyExists("Thing " + name + " already exists in account with different "
                        + "attributes", existing.id().toString(), arns.thing(name));
            }
            return existing;
        });
    }

    public CompletableFuture<Thing> describeThing(String name) {
        return transactions.run(c -> {
            RegistryNames.name("thingName", name);
            return store.thing(c, name, false).orElseThrow(() -> thingNotFound(name));
        });
    }

    /** Applies the update and answers the thing as stored, its version one higher. */
    public CompletableFuture<Thing> updateThing(String name, ThingUpdate update) {
        return transactions.run(c -> {
            RegistryNames.name("thingName", name);
            if (update.removeThingType() && update.typeName() != null) {
                throw ControlPlaneException.invalid("removeThingType true and thingTypeName together: remove the type "
                        + "or set one, not both");
            }
            requireNoThingType(update.typeName());
            if (update.attributes() != null) {
                RegistryNames.attributes("attributePayload.attributes", update.attributes());
            }
            Thing current = store.thing(c, name, true).orElseThrow(() -> thingNotFound(name));
            requireVersion(current, update.expectedVersion());
            Map<String, String> attributes = current.attributes();
            if (update.attributes() != null) {
                Map<String, String> next = new HashMap<>(update.merge() ? current.attributes() : Map.of());
                next.putAll(update.attributes());
                attributes = withoutEmptyValues(next);
                RegistryNames.attributeCount(name, attributes.size());
            }
            Thing updated = new Thing(name, current.id(), update.removeThingType() ? null : current.typeName(),
                    attributes, current.version() + 1);
            store.update(c, updated);
            return updated;
        });
    }

    /** Deleting a thing that does not exist succeeds, as AWS IoT's DeleteThing does; a wrong version does not. */
    public CompletableFuture<Void> deleteThing(String name, Long expectedVersion) {
        return transactions.run(c -> {
            RegistryNames.name("thingName", name);
            var current = store.thing(c, name, true);
            if (current.isPresent()) {
                requireVersion(current.get(), expectedVersion);
                store.delete(c, name);
            }
            return null;
        });
    }

    public CompletableFuture<Page<Thing>> listThings(ThingFilter filter, String nextToken, int maxResults) {
        return transactions.run(c -> Page.of(store.things(c, Page.after(nextToken), maxResults + 1, filter),
                maxResults, Thing::name));
    }

    /** Creates the group, or answers the existing one when it has the same parent, description and attributes. */
    public CompletableFuture<ThingGroup> createThingGroup(String name, String parentName, String description,
                                                          Map<String, String> attributes) {
        return transactions.run(c -> {
            RegistryNames.name("thingGroupName", name);
            RegistryNames.attributes("thingGroupProperties.attributePayload.attributes", attributes);
            if (parentName != null) {
                RegistryNames.name("parentGroupName", parentName);
                store.group(c, parentName).orElseThrow(() -> groupNotFound(parentName));
            }
            ThingGroup group = new ThingGroup(name, UUID.randomUUID(), parentName, description,
                    withoutEmptyValues(attributes), 1);
            if (store.insert(c, group, clock.millis())) {
                return group;
            }
            ThingGroup existing = store.group(c, name).orElseThrow(() -> new SQLException(
                    "thing group " + name + " was neither inserted nor found"));
            if (!Objects.equals(existing.parentName(), parentName)
                    || !Objects.equals(existing.description(), description)
                    || !existing.attributes().equals(group.attributes())) {
                throw ControlPlaneException.alreadyExists("Thing Group " + name + " already exists in account with "
                        + "different properties", existing.id().toString(), arns.thingGroup(name));
            }
            return existing;
        });
    }

    /** Adding a thing to a group it is already in succeeds and changes nothing. */
    public CompletableFuture<Void> addThingToThingGroup(String groupName, String thingName) {
        return transactions.run(c -> {
            RegistryNames.name("thingGroupName", groupName);
            RegistryNames.name("thingName", thingName);
            store.group(c, groupName).orElseThrow(() -> groupNotFound(groupName));
            store.thing(c, thingName, true).orElseThrow(() -> thingNotFound(thingName));
            store.addMember(c, groupName, thingName);
            return null;
        });
    }

    /** Names of the group's things; {@code recursive} includes those of its descendant groups. */
    public CompletableFuture<Page<String>> listThingsInThingGroup(String groupName, boolean recursive,
                                                                  String nextToken, int maxResults) {
        return transactions.run(c -> {
            RegistryNames.name("thingGroupName", groupName);
            String after = Page.after(nextToken);
            store.group(c, groupName).orElseThrow(() -> groupNotFound(groupName));
            List<String> names = store.members(c, groupName, recursive, after, maxResults + 1);
            return Page.of(names, maxResults, name -> name);
        });
    }

    /** The registry has no thing types yet (no CreateThingType), so naming one names a type that does not exist. */
    private static void requireNoThingType(String typeName) {
        if (typeName != null) {
            RegistryNames.name("thingTypeName", typeName);
            throw ControlPlaneException.notFound("Thing type " + typeName + " does not exist");
        }
    }

    private static void requireVersion(Thing current, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw ControlPlaneException.versionConflict("The version for thing " + current.name()
                    + " does not match the expected version (expected " + expectedVersion + ", current "
                    + current.version() + ")");
        }
    }

    private static Map<String, String> withoutEmptyValues(Map<String, String> attributes) {
        Map<String, String> kept = new HashMap<>(attributes);
        kept.values().removeIf(String::isEmpty);
        return kept;
    }

    private static ControlPlaneException thingNotFound(String name) {
        return ControlPlaneException.notFound("Thing " + name + " cannot be found.");
    }

    private static ControlPlaneException groupNotFound(String name) {
        return ControlPlaneException.notFound("Thing Group " + name + " cannot be found.");
    }
}
