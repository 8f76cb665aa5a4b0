package io.fleet.cloud.controlplane;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Runs control-plane work as one JDBC transaction on an executor of its own (JDBC blocks; the caller is an event
 * loop). A {@link ControlPlaneException} or any other failure rolls everything back and fails the future; nothing
 * is thrown to the caller.
 */
public final class AsyncTransactions {

    /** Work inside one transaction; a refusal is a {@link ControlPlaneException}. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final Executor executor;

    public AsyncTransactions(DataSource dataSource, Executor executor) {
        this.dataSource = dataSource;
        this.executor = executor;
    }

    public <T> CompletableFuture<T> run(Work<T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try (Connection c = dataSource.getConnection()) {
                    c.setAutoCommit(false);
                    try {
                        T result = work.run(c);
                        c.commit();
                        return result;
                    } catch (SQLException | RuntimeException e) {
                        c.rollback();
                        throw e;
                    }
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, executor);
        } catch (RuntimeException rejected) { // an executor shut down or full refuses before anything ran
            return CompletableFuture.failedFuture(rejected);
        }
    }
}
