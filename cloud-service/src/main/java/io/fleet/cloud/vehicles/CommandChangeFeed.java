package io.fleet.cloud.vehicles;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings every command status change to this instance's event streams, whichever instance stored it: the
 * {@code vehicle_command_changed} trigger (V18) sends a PostgreSQL notification with the command's id on every
 * update, this thread LISTENs on a connection of its own, reads the command and publishes it on the
 * {@link VehicleEventHub}. The instance that stored a change hears it the same way, so each change is streamed once
 * per instance, in commit order.
 *
 * <p>Threads: one daemon thread, {@code vehicle-command-feed}, owns the listening connection; a lost connection is
 * opened again after a pause (changes committed meanwhile are not streamed; clients read the command to catch up).
 */
final class CommandChangeFeed implements AutoCloseable {

    static final String CHANNEL = "vehicle_command_changed";
    private static final Logger LOG = LoggerFactory.getLogger(CommandChangeFeed.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final CommandRepository commands;
    private final VehicleEventHub hub;
    private final Thread thread;
    private volatile boolean running = true;
    /** The listening connection opened by {@link #start}; then owned by the feed's thread. */
    private Connection first;

    private CommandChangeFeed(DataSource dataSource, CommandRepository commands, VehicleEventHub hub) {
        this.dataSource = dataSource;
        this.commands = commands;
        this.hub = hub;
        this.thread = new Thread(this::run, "vehicle-command-feed");
        thread.setDaemon(true);
    }

    /** Starts listening; returns once the LISTEN is in place, so no change committed after that is missed. */
    static CommandChangeFeed start(DataSource dataSource, CommandRepository commands, VehicleEventHub hub)
            throws SQLException {
        CommandChangeFeed feed = new CommandChangeFeed(dataSource, commands, hub);
        feed.first = feed.listen();
        feed.thread.start(); // publishes first to the thread
        return feed;
    }

    private Connection listen() throws SQLException {
        Connection connection = dataSource.getConnection();
        try (Statement s = connection.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private void run() {
        Connection connection = first;
        while (running) {
            try {
                if (connection == null) {
                    connection = listen();
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        publish(notification.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    break;
                }
                LOG.warn("command change feed lost its database connection, listening again: {}", e.toString());
                close(connection);
                connection = null;
                sleep();
            }
        }
        close(connection);
    }

    private void publish(String id) throws SQLException {
        UUID command;
        try {
            command = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a {} notification that is no command id: {}", CHANNEL, id);
            return;
        }
        commands.find(command).ifPresent(c -> hub.publish(new VehicleEvent.CommandChanged(c.vehicle(), c)));
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // broken already
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RECONNECT_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2 * POLL_MILLIS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
