package io.fleet.cloud.alexa;

/** What a command intent asks for: a shadow attribute to set, a question for a missing slot, or a refusal. */
sealed interface Interpretation {

    /** Set {@code attribute} (a shadow leaf path such as {@code windows.fl}) to {@code value}. */
    record Action(String attribute, Object value, Wording wording) implements Interpretation {
    }

    /** Ask the user for {@code slot} (the session stays open and Alexa sends the intent back filled). */
    record Ask(String slot, String question) implements Interpretation {
    }

    /** Answer {@code speech} and do nothing. */
    record Refuse(String speech) implements Interpretation {
    }
}
