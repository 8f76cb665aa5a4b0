package io.fleet.model.shadow;

import io.fleet.model.Checks;

/**
 * What an update request does to one state section ({@code desired} or {@code reported}). The three cases are
 * different on the wire and must not be collapsed into a nullable map:
 * <ul>
 *     <li>{@link Absent}: the section is not in the request; it stays as it is.</li>
 *     <li>{@link Remove}: {@code "desired": null}; the whole section is deleted.</li>
 *     <li>{@link Merge}: an object merged into the section; a key whose value is {@code null} is deleted,
 *         nested objects merge key by key, arrays and scalars replace the old value whole.</li>
 * </ul>
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-document.html#device-shadow-empty-fields)
 */
public sealed interface SectionPatch {

    SectionPatch ABSENT = new Absent();
    SectionPatch REMOVE = new Remove();

    static SectionPatch merge(ImmutableJsonObject changes) {
        return new Merge(changes);
    }

    /** The section is not mentioned in the request. */
    record Absent() implements SectionPatch {
    }

    /** The section was sent as {@code null}. */
    record Remove() implements SectionPatch {
    }

    /** The section was sent as an object; {@code null} values inside it delete keys. */
    record Merge(ImmutableJsonObject changes) implements SectionPatch {
        public Merge {
            Checks.notNull(changes, "changes");
        }
    }
}
