package io.fleet.model.log.mdf;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.ReadStats;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the CAN frames of an ASAM MDF 4.1x bus-logging file (CANedge and other loggers), data group by data
 * group in file order, with constant memory: a 64 kB read buffer, one inflated ##DZ block and one record at a time.
 *
 * <p>Data frames become {@link CanFrame}s, remote frames {@code CanFrame}s with {@code remote = true}. Error frames,
 * other buses' events (LIN, ...) and groups that are not bus events are skipped and counted in
 * {@link ReadStats#skipped()}; VLSD records are part of the frames that reference them and are not counted.
 *
 * <p>Malformed input throws {@link LogFormatException} with the byte offset. In lenient mode an invalid frame is
 * counted as rejected and skipped, and a record id that no group declares ends that data group (records have no
 * sync marker to resynchronise on). A record cut off at the end of the data is counted as rejected and ends the
 * group in lenient mode and in unfinalized files, where loggers losing power leave exactly that.
 */
public final class MdfCanReader implements LogReader {

    private final FileChannel channel;
    private final MdfBlockReader blocks;
    private final Mdf4File file;
    private final boolean lenient;
    private int nextDataGroup;
    private RecordFraming framing;
    private Map<ChannelGroup, CanGroupDecoder> decoders = Map.of();
    private long records;
    private long skipped;
    private long rejected;

    public MdfCanReader(Path path, boolean lenient) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            this.blocks = new MdfBlockReader(channel, channel.size(), path.toString());
            this.file = Mdf4File.read(blocks);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.lenient = lenient;
    }

    public static MdfCanReader open(Path path, boolean lenient) throws IOException {
        return new MdfCanReader(path, lenient);
    }

    /** Identification, start time and channel groups of the file being read. */
    public Mdf4File file() {
        return file;
    }

    @Override
    public BusRecord next() throws IOException {
        while (true) {
            if (framing == null && !openNextDataGroup()) {
                return null;
            }
            ChannelGroup group;
            try {
                group = framing.next();
            } catch (LogFormatException e) {
                if (!lenient) {
                    throw e;
                }
                rejected++;
                framing = null;
                continue;
            }
            if (group == null) {
                endDataGroup();
                continue;
            }
            if (group.isVlsd()) {
                continue;
            }
            CanGroupDecoder decoder = decoders.get(group);
            if (decoder.kind() == CanGroupDecoder.Kind.ERROR || decoder.kind() == CanGroupDecoder.Kind.OTHER) {
                skipped++;
                continue;
            }
            try {
                CanFrame frame = decoder.decode(framing.record());
                records++;
                return frame;
            } catch (IllegalArgumentException e) {
                LogFormatException error = blocks.error(framing.recordStart(), "invalid " + decoder.kind()
                        + " record of channel group '" + group.acquisitionName() + "': " + e.getMessage());
                if (!lenient) {
                    throw error;
                }
                rejected++;
            }
        }
    }

    private boolean openNextDataGroup() throws IOException {
        List<DataGroup> groups = file.dataGroups();
        while (nextDataGroup < groups.size()) {
            DataGroup dataGroup = groups.get(nextDataGroup++);
            if (dataGroup.dataLink() == 0 || dataGroup.groups().isEmpty()) {
                continue;
            }
            // identity: ChannelGroup is a record whose hashCode would walk all its channels for every record
            Map<ChannelGroup, CanGroupDecoder> byGroup = new IdentityHashMap<>();
            for (ChannelGroup group : dataGroup.groups()) {
                if (!group.isVlsd()) {
                    byGroup.put(group, CanGroupDecoder.of(blocks, file, dataGroup, group, lenient));
                }
            }
            decoders = byGroup;
            framing = new RecordFraming(dataGroup,
                    new DataStream(blocks, dataGroup.dataLink(), file, lenient), blocks);
            return true;
        }
        return false;
    }

    private void endDataGroup() throws LogFormatException {
        if (framing.endedWithPartialRecord()) {
            if (!lenient && !file.isUnfinalized()) {
                throw blocks.error(framing.recordStart(), "data ends inside a record (truncated file?)");
            }
            rejected++;
        }
        framing = null;
    }

    @Override
    public ReadStats stats() {
        return new ReadStats(records, skipped, rejected);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
