package io.fleet.cloud.shadow;

import java.util.Optional;

/**
 * One request's work on one shadow, run by a commit lane inside a database transaction that holds the shadow's
 * row lock. It must be pure: it sees the current row and says what to store and what to answer, and the lane
 * delivers the answer only after the commit.
 */
@FunctionalInterface
public interface ShadowTransaction<R> {

    /** {@code current} is empty when the shadow never existed; a deleted shadow is its tombstone row. */
    Step<R> apply(Optional<ShadowRow> current);

    /** What to do with the row, and the answer to hand back once that is durable. */
    record Step<R>(Action action, ShadowRow row, R result) {

        public static <R> Step<R> write(ShadowRow row, R result) {
            return new Step<>(Action.WRITE, row, result);
        }

        /** Deletes the shadow, leaving {@code tombstone} (see {@link ShadowRow#tombstone}) in its place. */
        public static <R> Step<R> delete(ShadowRow tombstone, R result) {
            if (!tombstone.deleted()) {
                throw new IllegalArgumentException("a delete stores a tombstone, not " + tombstone);
            }
            return new Step<>(Action.WRITE, tombstone, result);
        }

        public static <R> Step<R> answer(R result) {
            return new Step<>(Action.NONE, null, result);
        }
    }

    enum Action {
        NONE,
        WRITE
    }
}
