package io.fleet.cloud.vehicles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.cloud.users.User;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The listing query's checks, and {@link Vehicles#page}'s default (what a {@link Vehicles} without its own paging,
 * such as the Alexa Lambda's API client, answers): the same filter, order and pages as the service's SQL.
 */
class VehicleListQueryTest {

    private static final User OWNER = new User(1, "alice", User.Role.OWNER, List.of(), Optional.empty());

    @Test
    void outOfRangeLimitsAndForeignCharactersAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> query("", null, null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be a whole number from 1 to 500, got 0");
        assertThatThrownBy(() -> query("", null, null, 501)).hasMessageContaining("got 501");
        assertThatThrownBy(() -> query("car 1", null, null, 5))
                .hasMessageStartingWith("q must be part of a vehicle id");
        assertThatThrownBy(() -> query("x".repeat(129), null, null, 5)).hasMessageStartingWith("q must be");
    }

    @Test
    void theDefaultPagesFilterCaseInsensitivelyAndByConnectivityInIdOrder() {
        Vehicles fleet = listing(view("car-3", true), view("car-1", false), view("van-1", true), view("car-2", true));

        VehiclePage first = fleet.page(OWNER, query("CAR", null, null, 2)).join();
        assertThat(first.vehicles()).extracting(VehicleView::vehicle).containsExactly("car-1", "car-2");
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.lastOfPage()).hasValue("car-2");

        VehiclePage second = fleet.page(OWNER, query("car", null, "car-2", 2)).join();
        assertThat(second.vehicles()).extracting(VehicleView::vehicle).containsExactly("car-3");
        assertThat(second.lastOfPage()).isEmpty();

        VehiclePage online = fleet.page(OWNER, query("", true, null, null)).join();
        assertThat(online.vehicles()).extracting(VehicleView::vehicle).containsExactly("car-2", "car-3", "van-1");
        assertThat(online.total()).isEqualTo(3);
    }

    private static VehicleListQuery query(String q, Boolean online, String after, Integer limit) {
        return new VehicleListQuery(q, Optional.ofNullable(online), Optional.ofNullable(after),
                limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
    }

    private static VehicleView view(String name, boolean online) {
        return new VehicleView(name, online, Optional.empty(), Optional.empty());
    }

    /**
     * A Vehicles that only lists, sorted as {@link Vehicles#list} promises; default methods run as declared, so
     * methods added to the interface later need nothing here.
     */
    private static Vehicles listing(VehicleView... views) {
        List<VehicleView> sorted = Arrays.stream(views).sorted(Comparator.comparing(VehicleView::vehicle)).toList();
        return (Vehicles) Proxy.newProxyInstance(Vehicles.class.getClassLoader(), new Class<?>[] {Vehicles.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("list")) {
                        return CompletableFuture.completedFuture(sorted);
                    }
                    if (method.isDefault()) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
