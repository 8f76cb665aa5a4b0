package io.fleet.model.log.internal;

/**
 * The data bytes of the frame being parsed, reused from line to line by one reader thread. {@link #payload} hands
 * them over in an array of exactly the payload's length, also reused: {@code CanFrame}'s constructor copies its
 * data, so one array per frame is allocated instead of two.
 */
public final class PayloadScratch {

    private static final int MAX_LENGTH = 64;

    private final byte[] bytes = new byte[MAX_LENGTH];
    private final byte[][] exact = new byte[MAX_LENGTH + 1][];

    public PayloadScratch() {
        for (int length = 0; length <= MAX_LENGTH; length++) {
            exact[length] = new byte[length];
        }
    }

    public void set(int index, int value) {
        bytes[index] = (byte) value;
    }

    /** The first {@code length} bytes set, valid until the next call: pass it straight to a copying constructor. */
    public byte[] payload(int length) {
        byte[] data = exact[length];
        System.arraycopy(bytes, 0, data, 0, length);
        return data;
    }
}
