package io.fleet.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A configuration value that is one of a fixed set of words, spelt in YAML and on flags as {@link #word()}: the
 * enums of the cloud service's and the device agent's configs implement it, so an unknown word fails the same way in
 * every program. An enum needs only its constants and a {@code @JsonCreator} factory that calls {@link #parse}.
 */
public interface ConfigChoice {

    /** The constant's name in lower case with hyphens: {@code IN_MEMORY} is spelt {@code in-memory}. */
    @JsonValue
    default String word() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant of {@code type} spelt {@code word}, or null for null; an unknown word fails with a message naming
     * {@code key} and every allowed word, as YAML loading and the flags report it.
     */
    static <E extends Enum<E> & ConfigChoice> E parse(Class<E> type, String key, String word) {
        if (word == null) {
            return null;
        }
        E[] choices = type.getEnumConstants();
        for (E choice : choices) {
            if (choice.word().equals(word)) {
                return choice;
            }
        }
        throw new IllegalArgumentException(key + " must be one of "
                + Arrays.stream(choices).map(ConfigChoice::word).collect(Collectors.joining(", ")) + ", got '" + word
                + "'");
    }
}
