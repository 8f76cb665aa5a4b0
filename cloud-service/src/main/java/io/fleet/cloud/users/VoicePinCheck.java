package io.fleet.cloud.users;

import java.time.Duration;
import java.util.Objects;

/** The answer to a voice PIN check ({@link VoicePins#check}). */
public sealed interface VoicePinCheck {

    /** The PIN is right; the count of wrong ones starts again. */
    record Accepted() implements VoicePinCheck {
    }

    /** The user has a PIN and is not locked, but none was given: ask for it. */
    record Required() implements VoicePinCheck {
    }

    /** The user has no voice PIN, so voice unlock and open are refused until one is set. */
    record NotSet() implements VoicePinCheck {
    }

    /** The PIN is wrong; {@code triesLeft} more wrong ones lock voice unlock. */
    record Wrong(int triesLeft) implements VoicePinCheck {
        public Wrong {
            if (triesLeft < 1) {
                throw new IllegalArgumentException("triesLeft must be at least 1, got " + triesLeft);
            }
        }
    }

    /** Too many wrong PINs: voice unlock and open are refused for {@code remaining}, even with the right PIN. */
    record Locked(Duration remaining) implements VoicePinCheck {
        public Locked {
            Objects.requireNonNull(remaining, "remaining");
        }
    }
}
