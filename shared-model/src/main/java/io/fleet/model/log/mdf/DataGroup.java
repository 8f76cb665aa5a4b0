package io.fleet.model.log.mdf;

import java.util.List;

/**
 * An MDF 4 ##DG data group: one data stream holding records of its channel groups. With {@code recordIdSize} 0 the
 * group is "sorted" (one channel group, records back to back); otherwise every record starts with a 1, 2, 4 or
 * 8-byte little-endian record id and the channel groups' records are interleaved in time order ("unsorted", as
 * loggers write them because they cannot know the group sizes in advance).
 *
 * @param dataLink dg_data: first ##DT, ##DZ, ##DL or ##HL block, 0 when the group holds no data
 */
record DataGroup(long offset, int recordIdSize, long dataLink, List<ChannelGroup> groups) {

    ChannelGroup groupById(long recordId) {
        for (ChannelGroup group : groups) {
            if (group.recordId() == recordId) {
                return group;
            }
        }
        return null;
    }

    ChannelGroup groupAt(long blockOffset) {
        for (ChannelGroup group : groups) {
            if (group.offset() == blockOffset) {
                return group;
            }
        }
        return null;
    }
}
