package io.fleet.model.log.mdf;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.ReadStats;
import io.fleet.model.log.Truncation;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streams the CAN frames of an ASAM MDF 4.1x bus-logging file (CANedge and other loggers), data group by data
 * group in file order, with constant memory: a 64 kB read buffer, one inflated ##DZ block and one record at a time.
 *
 * <p>Data frames become {@link CanFrame}s, remote frames {@code CanFrame}s with {@code remote = true} and their DLC.
 * Error frames, other buses' events (LIN, ...) and groups that are not bus events are skipped and counted in
 * {@link ReadStats#skipped()}; VLSD records are part of the frames that reference them and are not counted.
 *
 * <p>Malformed input throws {@link LogFormatException} with the byte offset. In lenient mode an invalid frame is
 * counted as rejected and skipped, and a record id that no group declares ends that data group (records have no
 * sync marker to resynchronise on). A record or block cut off by the end of the file is a truncation: an error
 * naming the record, its block and the bytes missing, or in lenient mode the end of that group's data, counted as
 * rejected and reported in {@link ReadStats#truncation()}.
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
    private Optional<Truncation> truncation = Optional.empty();

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
                Optional<Truncation> cut = decoder.vlsdTruncation();
                if (cut.isPresent()) {
                    truncated(cut.get());
                    continue;
                }
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

    /**
     * A data group's data ended: a record or block cut off by the end of the file fails in strict mode, even in an
     * unfinalized file, where a logger losing power leaves the same as a copy cut short; lenient mode keeps the
     * records before it and reports the first cut in {@link #stats()}.
     */
    private void endDataGroup() throws LogFormatException {
        Optional<Truncation> cut = framing.truncation();
        if (cut.isPresent() && (truncation.isEmpty() || truncation.get().byteOffset() != cut.get().byteOffset())) {
            truncated(cut.get()); // unless a frame's VLSD value reported this very cut already
        }
        framing = null;
    }

    private void truncated(Truncation cut) throws LogFormatException {
        if (!lenient) {
            throw blocks.error(cut.byteOffset(), "truncated: " + cut.describe());
        }
        rejected++;
        truncation = truncation.or(() -> Optional.of(cut));
    }

    @Override
    public ReadStats stats() {
        return new ReadStats(records, skipped, rejected, truncation);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
