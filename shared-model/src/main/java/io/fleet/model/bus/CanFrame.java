package io.fleet.model.bus;

import io.fleet.model.Checks;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One classic CAN or CAN FD frame as recorded or to be sent.
 *
 * @param timestampNanos epoch nanoseconds when the source has absolute time, else nanoseconds from log start
 * @param channel        logical bus channel as the source numbers it (ASC/BLF/MDF channels start at 1,
 *                       candump interfaces are mapped to numbers by the reader)
 * @param id             11-bit or 29-bit identifier
 * @param extended       29-bit identifier
 * @param remote         remote transmission request (classic CAN only, no payload)
 * @param fd             CAN FD frame
 * @param bitRateSwitch  CAN FD BRS flag
 * @param errorState     CAN FD ESI flag
 * @param data           the payload; empty for a remote frame
 * @param remoteDlc      the DLC a remote frame carries on the bus (0-8), the length it requests and the one ECUs
 *                       answer by; 0 for a data frame, whose DLC follows from its payload ({@link #dlc()})
 * @param len8Dlc        a classic frame's raw DLC 9-15 when it is not 8 (ISO 11898-1 lets a classic frame say 9-15
 *                       for 8 bytes; SocketCAN's {@code len8_dlc}): only on an 8-byte data frame or a remote frame
 *                       requesting 8; 0 otherwise. Some ECUs and test cases tell frames apart by it.
 */
public record CanFrame(long timestampNanos, int channel, int id, boolean extended, boolean remote, boolean fd,
                       boolean bitRateSwitch, boolean errorState, Direction direction, byte[] data, int remoteDlc,
                       int len8Dlc)
        implements BusRecord {

    public static final int MAX_STANDARD_ID = 0x7FF;
    public static final int MAX_EXTENDED_ID = 0x1FFF_FFFF;
    private static final int[] FD_LENGTHS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64};
    private static final String FD_LENGTH_RULE = "must be a CAN FD length " + Arrays.toString(FD_LENGTHS);
    /** The largest DLC a classic frame can carry (ISO 11898-1); 9-15 all mean 8 bytes. */
    public static final int MAX_RAW_DLC = 15;

    public CanFrame {
        Checks.notNull(direction, "direction");
        Checks.notNull(data, "data");
        Checks.inRange(id, 0, extended ? MAX_EXTENDED_ID : MAX_STANDARD_ID, extended ? "extended id" : "standard id");
        if (fd) {
            Checks.check(!remote, "remote", "is not allowed on a CAN FD frame", true);
            Checks.check(isValidFdLength(data.length), "data length", FD_LENGTH_RULE, data.length);
        } else {
            Checks.check(!bitRateSwitch && !errorState, "BRS/ESI", "are CAN FD flags", "on a classic frame");
            Checks.inRange(data.length, 0, 8, "data length");
        }
        if (remote) {
            Checks.check(data.length == 0, "data length", "must be 0 on a remote frame (its DLC is remoteDlc)",
                    data.length);
            Checks.inRange(remoteDlc, 0, 8, "remote frame DLC");
        } else {
            Checks.check(remoteDlc == 0, "remoteDlc", "is for remote frames only", remoteDlc);
        }
        if (len8Dlc != 0) {
            Checks.inRange(len8Dlc, 9, MAX_RAW_DLC, "len8 DLC (raw DLC of an 8-byte classic frame)");
            Checks.check(!fd && (remote ? remoteDlc : data.length) == 8, "len8 DLC",
                    "is only for a classic frame of 8 bytes (data, or remote requesting 8)", len8Dlc);
        }
        data = data.clone();
    }

    /** A frame whose DLC is its length (or a remote frame's {@code remoteDlc}): no raw DLC 9-15. */
    public CanFrame(long timestampNanos, int channel, int id, boolean extended, boolean remote, boolean fd,
                    boolean bitRateSwitch, boolean errorState, Direction direction, byte[] data, int remoteDlc) {
        this(timestampNanos, channel, id, extended, remote, fd, bitRateSwitch, errorState, direction, data, remoteDlc,
                0);
    }

    /**
     * A data frame: remote frames need their DLC, so they are made with the canonical constructor or {@link #remote}
     * and never get one by default.
     *
     * @throws IllegalArgumentException if {@code remote} is true
     */
    public CanFrame(long timestampNanos, int channel, int id, boolean extended, boolean remote, boolean fd,
                    boolean bitRateSwitch, boolean errorState, Direction direction, byte[] data) {
        this(timestampNanos, channel, id, extended, requireData(remote), fd, bitRateSwitch, errorState, direction,
                data, 0);
    }

    private static boolean requireData(boolean remote) {
        Checks.check(!remote, "remote", "needs its DLC: use CanFrame.remote(...) or the constructor with remoteDlc",
                true);
        return false;
    }

    /** A classic remote frame with DLC {@code dlc} (0-15; 9-15 request 8 bytes and are kept as {@link #len8Dlc}). */
    public static CanFrame remote(long timestampNanos, int channel, int id, boolean extended, int dlc,
                                  Direction direction) {
        Checks.inRange(dlc, 0, MAX_RAW_DLC, "remote frame DLC");
        return new CanFrame(timestampNanos, channel, id, extended, true, false, false, false, direction,
                new byte[0], Math.min(dlc, 8), dlc > 8 ? dlc : 0);
    }

    /** A classic data frame of {@code direction}. */
    public static CanFrame data(long timestampNanos, int channel, int id, boolean extended, Direction direction,
                                byte[] data) {
        return new CanFrame(timestampNanos, channel, id, extended, false, false, false, false, direction, data);
    }

    /** A CAN FD data frame of {@code direction} with its bit-rate-switch and error-state flags. */
    public static CanFrame fd(long timestampNanos, int channel, int id, boolean extended, boolean brs, boolean esi,
                              Direction direction, byte[] data) {
        return new CanFrame(timestampNanos, channel, id, extended, false, true, brs, esi, direction, data);
    }

    /** A classic data frame received on {@code channel}. */
    public static CanFrame classic(long timestampNanos, int channel, int id, boolean extended, byte[] data) {
        return data(timestampNanos, channel, id, extended, Direction.RX, data);
    }

    /** A CAN FD data frame received on {@code channel}. */
    public static CanFrame fd(long timestampNanos, int channel, int id, boolean extended, boolean brs, boolean esi,
                              byte[] data) {
        return fd(timestampNanos, channel, id, extended, brs, esi, Direction.RX, data);
    }

    public static boolean isValidFdLength(int length) {
        return Arrays.binarySearch(FD_LENGTHS, length) >= 0;
    }

    /**
     * The DLC on the bus: {@link #len8Dlc} when set, else a remote frame's {@link #remoteDlc}, else the one for the
     * payload's length.
     */
    public int dlc() {
        if (len8Dlc != 0) {
            return len8Dlc;
        }
        return remote ? remoteDlc : dlcForLength(data.length);
    }

    /**
     * This classic frame with DLC {@code dlc} on the bus: 9-15 on a frame of 8 bytes (or a remote frame requesting
     * 8) sets {@link #len8Dlc}; 8 or the frame's own length clears it.
     *
     * @throws IllegalArgumentException if {@code dlc} does not fit the frame's length
     */
    public CanFrame withDlc(int dlc) {
        int length = remote ? remoteDlc : data.length;
        boolean raw = !fd && length == 8 && dlc >= 9 && dlc <= MAX_RAW_DLC;
        Checks.check(raw || dlc == (remote ? remoteDlc : dlcForLength(length)), "DLC", "does not fit a"
                + (fd ? " CAN FD" : "") + " frame of " + length + (remote ? " requested" : "") + " bytes", dlc);
        return new CanFrame(timestampNanos, channel, id, extended, remote, fd, bitRateSwitch, errorState, direction,
                data, remoteDlc, raw ? dlc : 0);
    }

    /** CAN FD data length code for a payload length (0-8 are identical to classic CAN). */
    public static int dlcForLength(int length) {
        int index = Arrays.binarySearch(FD_LENGTHS, length);
        Checks.check(index >= 0, "length", "has no DLC", length);
        return index;
    }

    public static int lengthForDlc(int dlc, boolean fd) {
        Checks.inRange(dlc, 0, 15, "dlc");
        return fd ? FD_LENGTHS[dlc] : Math.min(dlc, 8);
    }

    /** A copy of the payload; use {@link #dataLength()}, {@link #byteAt} or {@link #copyDataTo} on hot paths. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    public int byteAt(int index) {
        return data[index] & 0xFF;
    }

    public void copyDataTo(byte[] destination, int offset) {
        System.arraycopy(data, 0, destination, offset, data.length);
    }

    @Override
    public CanFrame withTimestampNanos(long newTimestampNanos) {
        return new CanFrame(newTimestampNanos, channel, id, extended, remote, fd, bitRateSwitch, errorState,
                direction, data, remoteDlc, len8Dlc);
    }

    public CanFrame withChannel(int newChannel) {
        return new CanFrame(timestampNanos, newChannel, id, extended, remote, fd, bitRateSwitch, errorState,
                direction, data, remoteDlc, len8Dlc);
    }

    public CanFrame withDirection(Direction newDirection) {
        return new CanFrame(timestampNanos, channel, id, extended, remote, fd, bitRateSwitch, errorState,
                newDirection, data, remoteDlc, len8Dlc);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanFrame f && timestampNanos == f.timestampNanos && channel == f.channel && id == f.id
                && extended == f.extended && remote == f.remote && fd == f.fd && bitRateSwitch == f.bitRateSwitch
                && errorState == f.errorState && direction == f.direction && Arrays.equals(data, f.data)
                && remoteDlc == f.remoteDlc && len8Dlc == f.len8Dlc;
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(timestampNanos) * 31 + id) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "CanFrame[t=" + timestampNanos + "ns ch=" + channel + " id=" + Integer.toHexString(id)
                + (extended ? "x" : "") + (remote ? " R" + remoteDlc : "") + (len8Dlc != 0 ? " DLC" + len8Dlc : "")
                + (fd ? " FD" : "")
                + (bitRateSwitch ? " BRS" : "")
                + (errorState ? " ESI" : "") + " " + direction + " [" + HexFormat.of().formatHex(data) + "]]";
    }
}
