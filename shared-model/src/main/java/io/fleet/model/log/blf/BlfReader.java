package io.fleet.model.log.blf;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.ReadOptions;
import io.fleet.model.log.ReadStats;
import io.fleet.model.log.internal.ReadCounter;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads Vector BLF (binary logging format) files: CAN_MESSAGE, CAN_MESSAGE2, CAN_FD_MESSAGE and CAN_FD_MESSAGE_64
 * objects become {@link CanFrame}s; all other objects (error frames, statistics, markers, other buses) are skipped
 * and counted. Frame times are the header's measurement start (SYSTEMTIME, local time of the logging PC, read in
 * {@link ReadOptions#logTimeZone()}) plus the object's offset, as epoch nanoseconds; with no start time in the
 * header they are offsets from log start. See {@link BlfFileHeader}, {@link BlfObjectStream} and
 * {@link BlfFrameDecoder} for the layout. Written from Vector's binlog API documentation, with python-can's
 * blf.py and Toby Lorenz' vector_blf as references for the layout; no code taken from them.
 *
 * <p>A file that does not start with a BLF header is rejected at open even in lenient mode: there is nothing to
 * skip to.
 */
public final class BlfReader implements LogReader {

    private final InputStream in;
    private final String source;
    private final boolean lenient;
    private final ReadCounter counter = new ReadCounter();
    private final BlfObjectStream objects;
    private final BlfFrameDecoder decoder;
    private final long startEpochNanos;

    public BlfReader(InputStream input, String source, ReadOptions options) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(input, 16);
        this.in = pushback;
        this.source = source;
        this.lenient = options.lenient();
        BlfFileHeader header;
        try {
            header = readHeader(pushback, options);
        } catch (IOException | RuntimeException e) {
            pushback.close();
            throw e;
        }
        this.startEpochNanos = header.startEpochNanos();
        this.objects = new BlfObjectStream(pushback, header.headerSize(), source, lenient, counter);
        this.decoder = new BlfFrameDecoder(header.startEpochNanos());
    }

    public static BlfReader open(Path file, ReadOptions options) throws IOException {
        return new BlfReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16), file.toString(), options);
    }

    private BlfFileHeader readHeader(PushbackInputStream pushback, ReadOptions options) throws IOException {
        byte[] start = pushback.readNBytes(BlfFileHeader.MIN_SIZE);
        if (start.length < 4 || start[0] != 'L' || start[1] != 'O' || start[2] != 'G' || start[3] != 'G') {
            throw LogFormatException.atOffset(source, 0, "not a BLF file: signature is not \"LOGG\"");
        }
        if (start.length < BlfFileHeader.MIN_SIZE) {
            throw LogFormatException.atOffset(source, start.length, "file ends inside the BLF header");
        }
        BlfFileHeader header;
        try {
            header = BlfFileHeader.parse(start, options.logTimeZone());
        } catch (IllegalArgumentException e) {
            throw LogFormatException.atOffset(source, 0, e.getMessage());
        }
        try {
            pushback.skipNBytes(header.headerSize() - BlfFileHeader.MIN_SIZE);
        } catch (EOFException e) {
            throw LogFormatException.atOffset(source, BlfFileHeader.MIN_SIZE, "file ends inside the BLF header", e);
        }
        return header;
    }

    /** Measurement start from the file header as epoch nanoseconds, or 0 when the header has none. */
    public long startEpochNanos() {
        return startEpochNanos;
    }

    @Override
    public BusRecord next() throws IOException {
        while (objects.next()) {
            CanFrame frame;
            try {
                frame = decoder.decode(objects.buffer(), objects.objectStart(), objects.objectType());
            } catch (IllegalArgumentException | ArithmeticException e) {
                if (!lenient) {
                    throw LogFormatException.atOffset(source, objects.containerOffset(), "object of type "
                            + objects.objectType() + " at uncompressed offset " + objects.streamOffset()
                            + " in the log container: " + e.getMessage(), e);
                }
                counter.reject();
                continue;
            }
            if (frame == null) {
                counter.skip();
                continue;
            }
            counter.record();
            return frame;
        }
        return null;
    }

    @Override
    public ReadStats stats() {
        return counter.snapshot();
    }

    @Override
    public void close() throws IOException {
        objects.close();
        in.close();
    }
}
