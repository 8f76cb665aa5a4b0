package io.fleet.cloud.vehicles;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic sweep (on the vehicle-events timer) for commands whose time is up. A command the vehicle has not
 * received by its expiry becomes EXPIRED through a {@link CommandWithdrawal}, unless the shadow shows it received;
 * a received command without an outcome within {@code timeout} becomes TIMED_OUT and its desired value is withdrawn.
 * Every instance sweeps: both steps change a command only from the status they read, so one of them wins.
 */
final class OverdueCommands {

    private static final Logger LOG = LoggerFactory.getLogger(OverdueCommands.class);

    private final CommandRepository commands;
    private final CommandWithdrawal withdrawal;
    private final Clock clock;
    private final Duration timeout;
    /** Set while the withdrawals of a sweep are under way, so sweeps do not pile up behind a slow shadow. */
    private final AtomicBoolean sweeping = new AtomicBoolean();

    OverdueCommands(CommandRepository commands, CommandWithdrawal withdrawal, Clock clock, Duration timeout) {
        this.commands = commands;
        this.withdrawal = withdrawal;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Ends what is overdue at the clock's now. Completes with true once this sweep's withdrawals have finished (a
     * failed one is logged), or at once with false when the previous sweep's are still under way and this one did not
     * run.
     */
    CompletableFuture<Boolean> sweep() throws SQLException {
        if (!sweeping.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(false);
        }
        List<CompletableFuture<?>> withdrawals = new ArrayList<>();
        CompletableFuture<Boolean> swept;
        try {
            long now = clock.millis();
            String timedOut = "the vehicle received the command but reported no outcome within " + timeout.toSeconds()
                    + " s; the command was withdrawn";
            for (VehicleCommand stale : commands.timeOut(now - timeout.toMillis(), timedOut, now)) {
                withdrawals.add(logged(stale, withdrawal.withdrawStale(stale)));
            }
            for (VehicleCommand overdue : commands.overduePending(now, timeout.toMillis())) {
                long waited = overdue.expiresAt() == null ? timeout.toSeconds()
                        : (overdue.expiresAt() - overdue.createdAt()) / 1000;
                withdrawals.add(logged(overdue, withdrawal.withdraw(overdue, CommandStatus.EXPIRED,
                        "the vehicle did not receive the command within " + waited + " s; the command was withdrawn")));
            }
        } finally {
            swept = CompletableFuture.allOf(withdrawals.toArray(CompletableFuture[]::new)).handle((done, failure) -> {
                sweeping.set(false);
                return true;
            });
        }
        return swept;
    }

    private static <T> CompletableFuture<T> logged(VehicleCommand command, CompletableFuture<T> work) {
        return work.whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.warn("could not withdraw command {} ({} = {}) from {}: {}", command.id(), command.attribute(),
                        command.value(), command.vehicle(), failure.toString());
            }
        });
    }
}
