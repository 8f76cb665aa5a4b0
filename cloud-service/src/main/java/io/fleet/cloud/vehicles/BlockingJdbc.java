package io.fleet.cloud.vehicles;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Runs blocking JDBC work on the vehicles' worker pool and hands its result, or its failure, back as a future. */
final class BlockingJdbc {

    interface SqlCall<T> {
        T call() throws SQLException;
    }

    private final Executor workers;

    BlockingJdbc(Executor workers) {
        this.workers = workers;
    }

    <T> CompletableFuture<T> call(SqlCall<T> work) {
        return CompletableFuture.supplyAsync(() -> unchecked(work), workers);
    }

    /** Runs {@code work} on the calling thread, an SQLException becoming a CompletionException. */
    static <T> T unchecked(SqlCall<T> work) {
        try {
            return work.call();
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }
}
