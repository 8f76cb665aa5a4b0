package io.fleet.cloud.users;

/**
 * Which commands let someone into the car and so need the user's PIN, by voice and through the app API alike:
 * unlocking, and opening the trunk, a door or a window (down, or to any percent above 0). Locking, closing, lights,
 * climate and the horn need none.
 */
public final class OpeningCommands {

    private OpeningCommands() {
    }

    /** Whether setting {@code attribute} to {@code value} needs the PIN. */
    public static boolean needPin(String attribute, Object value) {
        return "lock".equals(attribute) && "unlocked".equals(value)
                || ("trunk".equals(attribute) || attribute.startsWith("doors.")) && "open".equals(value)
                || attribute.startsWith("windows.")
                        && ("down".equals(value) || value instanceof Number n && n.doubleValue() > 0);
    }
}
