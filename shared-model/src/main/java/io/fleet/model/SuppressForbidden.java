package io.fleet.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Allows what the build's forbiddenapis check refuses elsewhere (System.out/err, default charset or locale) in the
 * one place that needs it, e.g. a program's entry point handing the console to its commands. Say why in
 * {@link #reason()}.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface SuppressForbidden {

    /** Why the forbidden API is right here. */
    String reason();
}
