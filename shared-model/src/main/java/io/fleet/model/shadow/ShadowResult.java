package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.function.Function;

/**
 * Either the accepted outcome of a shadow request or the {@link ShadowError} to publish on {@code /rejected}.
 * Rejections are values, not exceptions: bad input is an everyday event for a service that faces devices.
 */
public sealed interface ShadowResult<T> {

    static <T> ShadowResult<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> ShadowResult<T> rejected(ShadowError error) {
        return new Rejected<>(error);
    }

    boolean isAccepted();

    /** The accepted value; throws {@link IllegalStateException} when rejected. */
    T value();

    /** The error; throws {@link IllegalStateException} when accepted. */
    ShadowError error();

    <R> R fold(Function<? super T, ? extends R> whenAccepted, Function<? super ShadowError, ? extends R> whenRejected);

    record Accepted<T>(T value) implements ShadowResult<T> {
        public Accepted {
            Checks.notNull(value, "value");
        }

        @Override
        public boolean isAccepted() {
            return true;
        }

        @Override
        public ShadowError error() {
            throw new IllegalStateException("the request was accepted: " + value);
        }

        @Override
        public <R> R fold(Function<? super T, ? extends R> whenAccepted,
                          Function<? super ShadowError, ? extends R> whenRejected) {
            return whenAccepted.apply(value);
        }
    }

    record Rejected<T>(ShadowError error) implements ShadowResult<T> {
        public Rejected {
            Checks.notNull(error, "error");
        }

        @Override
        public boolean isAccepted() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException("the request was rejected: " + error);
        }

        @Override
        public <R> R fold(Function<? super T, ? extends R> whenAccepted,
                          Function<? super ShadowError, ? extends R> whenRejected) {
            return whenRejected.apply(error);
        }
    }
}
