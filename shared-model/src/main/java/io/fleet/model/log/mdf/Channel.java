package io.fleet.model.log.mdf;

import java.util.List;

/**
 * An MDF 4 ##CN channel: where its raw value sits in a record and how to convert it. Bus-logging files describe a
 * frame as one structure channel (e.g. {@code CAN_DataFrame}, data type byte array) whose composition lists the
 * member channels ({@code CAN_DataFrame.ID}, {@code .DLC}, ...), each located within the same record.
 *
 * @param type        cn_type: 0 fixed length, 1 VLSD (record holds an offset into SD data or a VLSD group),
 *                    2 master, 3 virtual master, 4 sync, 5 maximum length, 6 virtual data (value = record index)
 * @param syncType    cn_sync_type: 1 = time for a master channel
 * @param dataType    cn_data_type: 0/1 unsigned LE/BE, 2/3 signed LE/BE, 4/5 float LE/BE, 10 byte array, ...
 * @param byteOffset  cn_byte_offset, counted from the first byte after the record id
 * @param dataLink    cn_data: for VLSD channels the ##SD/##DL/##DZ data or the VLSD ##CG holding the values
 * @param members     composition members (empty unless this is a structure channel)
 */
record Channel(long offset, String name, int type, int syncType, int dataType, int bitOffset, long byteOffset,
               long bitCount, long dataLink, Conversion conversion, List<Channel> members) {

    static final int FIXED = 0;
    static final int VLSD = 1;
    static final int MASTER = 2;
    static final int VIRTUAL_MASTER = 3;
    static final int VIRTUAL_DATA = 6;
    static final int SYNC_TIME = 1;

    boolean isTimeMaster() {
        return (type == MASTER || type == VIRTUAL_MASTER) && syncType == SYNC_TIME;
    }

    boolean isVirtual() {
        return type == VIRTUAL_MASTER || type == VIRTUAL_DATA;
    }

    /** The member whose name ends with {@code "." + suffix}, e.g. "ID" finds {@code CAN_DataFrame.ID}. */
    Channel member(String suffix) {
        for (Channel member : members) {
            String name = member.name();
            if (name != null && (name.endsWith("." + suffix) || name.equals(suffix))) {
                return member;
            }
        }
        return null;
    }
}
