package io.fleet.model.can.cannelloni;

import java.io.IOException;

/** A cannelloni datagram that does not follow the wire format; names the byte offset and what is wrong. */
public final class CannelloniFormatException extends IOException {

    private final int byteOffset;

    public CannelloniFormatException(int byteOffset, String reason) {
        super("cannelloni datagram at byte " + byteOffset + ": " + reason);
        this.byteOffset = byteOffset;
    }

    /** Offset inside the datagram where the problem was found. */
    public int byteOffset() {
        return byteOffset;
    }
}
