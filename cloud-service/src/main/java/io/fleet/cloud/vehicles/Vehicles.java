package io.fleet.cloud.vehicles;

import io.fleet.cloud.users.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the app API, the ops console and the Alexa skill may do with vehicles, always on behalf of a {@link User}.
 * Every method checks that the user may access the vehicle and fails with {@link VehicleNotFoundException}
 * otherwise. Asynchronous methods never throw: failures arrive through the future
 * ({@link InvalidCommandException}, {@link VehicleNotFoundException}).
 */
public interface Vehicles {

    /** The user's vehicles (every vehicle for an admin), sorted by name. */
    CompletableFuture<List<VehicleView>> list(User user);

    /**
     * One page of the user's vehicles (every vehicle for an admin) that match {@code query}. This default filters
     * {@link #list}; the service's own implementation reads only the page's vehicles.
     */
    default CompletableFuture<VehiclePage> page(User user, VehicleListQuery query) {
        return list(user).thenApply(all -> {
            List<VehicleView> matching = all.stream().filter(query::matches).toList();
            List<VehicleView> rest = matching.stream()
                    .filter(v -> query.after().map(after -> v.vehicle().compareTo(after) > 0).orElse(true)).toList();
            int size = query.limit().orElse(Integer.MAX_VALUE);
            return rest.size() <= size ? new VehiclePage(rest, matching.size(), Optional.empty())
                    : new VehiclePage(rest.subList(0, size), matching.size(),
                            Optional.of(rest.get(size - 1).vehicle()));
        });
    }

    CompletableFuture<VehicleView> get(User user, String vehicle);

    /**
     * Validates {@code attribute = value} by the vehicle vocabulary, writes it as the shadow's desired state and
     * records the command. Completes once the desired state is durable, with status PENDING (DELIVERED if the
     * agent's receipt was seen already, SUCCEEDED at once when the vehicle already reports that value).
     *
     * @param source           who sent it: {@code app}, {@code console}, {@code alexa}
     * @param expiresInSeconds how long the command may wait for the vehicle to receive it (null: the configured
     *                         command timeout; more than {@code vehicles.maxCommandExpirySeconds} fails with
     *                         {@link InvalidCommandException}); not received by then, it is EXPIRED and withdrawn
     */
    CompletableFuture<VehicleCommand> submit(User user, String vehicle, String attribute, Object value,
                                             String source, Long expiresInSeconds);

    /**
     * {@link #submit(User, String, String, Object, String)} with the user's {@code pin} for a command that opens the
     * car. In the service the caller has checked the PIN already (the Alexa skill, the app API), so it is not used
     * here; vehicles reached over the app API (the skill as a Lambda function) send it along, since the app API
     * checks it again.
     */
    default CompletableFuture<VehicleCommand> submitWithPin(User user, String vehicle, String attribute, Object value,
                                                            String source, Optional<String> pin) {
        return submit(user, vehicle, attribute, value, source);
    }

    /** {@link #submit(User, String, String, Object, String, Long)} with the default expiry. */
    default CompletableFuture<VehicleCommand> submit(User user, String vehicle, String attribute, Object value,
                                                     String source) {
        return submit(user, vehicle, attribute, value, source, null);
    }

    /**
     * Cancels a command the vehicle has not received: its desired value is withdrawn (only while it is still this
     * command's) and it becomes CANCELED. Fails with {@link CommandNotCancellableException} when the vehicle has
     * received it (or it has ended): the vehicle's receipt and a cancel never both win.
     */
    CompletableFuture<VehicleCommand> cancel(User user, String vehicle, UUID id);

    CompletableFuture<VehicleCommand> command(User user, String vehicle, UUID id);

    /** Newest first. */
    CompletableFuture<List<VehicleCommand>> history(User user, String vehicle, int limit);

    /**
     * Completes with the command once its status is final, or with its status at that moment once {@code max} has
     * passed (Alexa waits about 2.5 s for the car's confirmation).
     */
    CompletableFuture<VehicleCommand> awaitFinal(User user, String vehicle, UUID id, Duration max);

    /**
     * Streams the vehicle's events (shadow documents, presence, command status) to {@code listener} on an event
     * thread until the returned handle is closed.
     */
    AutoCloseable subscribe(User user, String vehicle, Consumer<VehicleEvent> listener);
}
