package io.fleet.model.vehicle;

/** One leaf of a shadow delta after validation: a {@link Command} to execute, or a reason to reject it. */
public sealed interface DesiredChange {

    String path();

    Object requested();

    record Valid(Command command) implements DesiredChange {
        @Override
        public String path() {
            return command.path();
        }

        @Override
        public Object requested() {
            return command.requested();
        }
    }

    record Invalid(String path, Object requested, String reason) implements DesiredChange {
    }
}
