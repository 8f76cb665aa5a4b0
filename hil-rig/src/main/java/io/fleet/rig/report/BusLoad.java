package io.fleet.rig.report;

import io.fleet.model.bus.CanFrame;

/**
 * Bits a CAN frame occupies on the wire, for bus-load estimates: the nominal frame layout without stuff bits
 * (stuffing adds up to ~20% for unlucky payloads, so estimates are a lower bound). A CAN FD frame's data phase runs
 * at the data bit rate when BRS is set; its bits are converted to nominal-rate bit times.
 */
public final class BusLoad {

    /** SOF, 11-bit id, RTR, IDE, r0, DLC, CRC 15, delimiters, ACK, EOF 7, IFS 3. */
    private static final int CLASSIC_STANDARD_OVERHEAD = 47;
    /** Adds SRR, IDE and the 18-bit id extension. */
    private static final int CLASSIC_EXTENDED_OVERHEAD = 67;
    /** Arbitration phase of an FD frame: SOF, id, RRS, IDE, FDF, res, BRS (extended: +20). */
    private static final int FD_ARBITRATION_STANDARD = 17;
    /** ESI, DLC, stuff count, CRC 17/21 and delimiters, counted in the data phase. */
    private static final int FD_DATA_OVERHEAD = 30;
    /** ACK, EOF and IFS, at the nominal rate again. */
    private static final int FD_TRAILER = 12;

    private BusLoad() {
    }

    /** Nominal-rate bit times of one frame. */
    public static double bitTimes(CanFrame frame, long nominalBitrate, long dataBitrate) {
        int payloadBits = frame.remote() ? 0 : 8 * frame.dataLength();
        if (!frame.fd()) {
            return (frame.extended() ? CLASSIC_EXTENDED_OVERHEAD : CLASSIC_STANDARD_OVERHEAD) + payloadBits;
        }
        int crcExtra = frame.dataLength() > 16 ? 4 : 0;
        double dataPhase = FD_DATA_OVERHEAD + crcExtra + payloadBits;
        double scale = frame.bitRateSwitch() ? (double) nominalBitrate / dataBitrate : 1.0;
        return FD_ARBITRATION_STANDARD + (frame.extended() ? 20 : 0) + dataPhase * scale + FD_TRAILER;
    }
}
