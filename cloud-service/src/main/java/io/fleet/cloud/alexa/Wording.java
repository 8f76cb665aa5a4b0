package io.fleet.cloud.alexa;

import java.util.Objects;

/**
 * How the skill talks about one command: {@code done} is the sentence once the car confirms ("Your trunk is open."),
 * {@code attempt} the verb phrase for a refusal or a pending answer ("open the trunk").
 */
record Wording(String done, String attempt) {
    Wording {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(attempt, "attempt");
    }
}
