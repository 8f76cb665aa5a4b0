package io.fleet.model.log.mdf;

import java.util.List;

/**
 * An MDF 4 ##CG channel group: one kind of record in its data group.
 *
 * @param recordId     cg_record_id, the prefix that selects this group in an unsorted data group
 * @param cycleCount   cg_cycle_count as stored; loggers leave it 0 in unfinalized files (id_unfin_flags bit 0)
 * @param flags        cg_flags: bit 0 VLSD group, bit 1 bus event, bit 2 plain bus event
 * @param dataBytes    cg_data_bytes; with cg_inval_bytes the fixed record length
 * @param acquisitionName cg_acq_name, e.g. "CAN9_Rx_IDE" (CANedge) or "CAN_DataFrame"
 * @param sourceName   name of the ##SI acquisition source (bus name such as "CAN1"), may be null
 */
record ChannelGroup(long offset, long recordId, String acquisitionName, String sourceName, long cycleCount, int flags,
                    long dataBytes, long invalidationBytes, List<Channel> channels) {

    static final int FLAG_VLSD = 1;
    static final int FLAG_BUS_EVENT = 2;

    boolean isVlsd() {
        return (flags & FLAG_VLSD) != 0;
    }

    /** Fixed record length after the record id (not meaningful for VLSD groups, whose records carry a length). */
    long recordLength() {
        return dataBytes + invalidationBytes;
    }

    Channel timeMaster() {
        for (Channel channel : channels) {
            if (channel.isTimeMaster()) {
                return channel;
            }
        }
        return null;
    }

    /** The top-level structure channel of a bus event group, e.g. {@code CAN_DataFrame}; null if none. */
    Channel busEvent(String name) {
        for (Channel channel : channels) {
            if (name.equals(channel.name()) && !channel.members().isEmpty()) {
                return channel;
            }
        }
        return null;
    }
}
