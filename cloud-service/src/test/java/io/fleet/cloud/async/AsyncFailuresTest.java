package io.fleet.cloud.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class AsyncFailuresTest {

    @Test
    void unwrapsEveryLayerOfFutureWrappersDownToWhatTheWorkThrew() {
        IllegalStateException thrown = new IllegalStateException("the work failed");
        assertThat(AsyncFailures.unwrap(new CompletionException(new ExecutionException(
                new CompletionException(thrown))))).isSameAs(thrown);
        CompletableFuture<Object> future = CompletableFuture.failedFuture(thrown).thenApply(x -> x);
        assertThat(AsyncFailures.unwrap(future.handle((v, e) -> e).join())).isSameAs(thrown);
    }

    @Test
    void keepsAnExceptionThatIsNotAWrapperAndAWrapperWithoutCause() {
        IllegalStateException plain = new IllegalStateException("plain");
        assertThat(AsyncFailures.unwrap(plain)).isSameAs(plain);
        CompletionException empty = new CompletionException("no cause", null);
        assertThat(AsyncFailures.unwrap(empty)).isSameAs(empty);
    }
}
