package io.fleet.model.log.mdf;

import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.Truncation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The bytes of one data group's records as a single sequential stream, whatever blocks hold them: plain ##DT (or
 * ##SD) blocks read through a small buffer with positioned reads, and ##DZ blocks inflated one at a time.
 *
 * <p>##DZ data: dz_org_block_type (2 chars, "DT"/"SD"), dz_zip_type (0 = deflate, 1 = transposition + deflate),
 * reserved, dz_zip_parameter (u32, the column count, i.e. the record length, for transposition), dz_org_data_length
 * (u64), dz_data_length (u64), then the zlib stream. Transposition stores the first
 * {@code rows = org / columns} rows column by column (all first bytes of every record, then all second bytes...)
 * because that compresses better; any remainder follows untransposed.
 *
 * <p>Unfinalized files: when id_unfin_flags bit 2 says the last ##DT block's length was not updated, or the
 * length is just the header, or it runs past the end, the data runs to the next metadata block after it or to the
 * end of the file - the bound asammdf's finalization shim uses for CANedge files. A last block whose length looks
 * right is trusted. A record cut off by that bound is then reported by the caller as a partial record.
 *
 * <p>Any other block that claims more bytes than the file holds was cut short: an error, or in lenient mode the data
 * ends at the end of the file (a cut ##DZ block is dropped whole: its zlib stream cannot be trusted) and the cut is
 * kept for {@link #cutBlock()}.
 */
final class DataStream {

    /** ##DZ blocks are a few MB at most (asammdf and CANedge write <= 4 MB); larger means corruption. */
    private static final long MAX_INFLATED_BLOCK = 256L << 20;
    private static final int BUFFER_SIZE = 1 << 16;

    private final MdfBlockReader blocks;
    private final DataBlockChain chain;
    private final boolean unfinalized;
    private final boolean lastLengthNotUpdated;
    private final boolean lenient;
    private final ByteBuffer fileBuffer = ByteBuffer.allocate(BUFFER_SIZE);
    private byte[] inflated;
    private int inflatedPosition;
    private long segmentFileOffset;
    private long segmentEnd;
    private long blockOffset;
    private String blockId;
    private boolean compressed;
    private Truncation cutBlock;

    DataStream(MdfBlockReader blocks, long firstLink, Mdf4File file, boolean lenient) throws IOException {
        this.blocks = blocks;
        this.chain = new DataBlockChain(blocks, firstLink);
        this.unfinalized = file.isUnfinalized();
        this.lastLengthNotUpdated = (file.unfinalizedFlags() & Mdf4File.UNFIN_LAST_DT_LENGTH) != 0;
        this.lenient = lenient;
        fileBuffer.limit(0);
    }

    /**
     * Reads up to {@code length} bytes, fewer only at the end of the data.
     *
     * @return the number of bytes read
     */
    int read(byte[] destination, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int available = available();
            if (available == 0 && !nextSegment()) {
                break;
            }
            int n = Math.min(length - done, available());
            if (compressed) {
                System.arraycopy(inflated, inflatedPosition, destination, offset + done, n);
                inflatedPosition += n;
            } else {
                fileBuffer.get(destination, offset + done, n);
            }
            done += n;
        }
        return done;
    }

    /** Skips up to {@code length} bytes; returns how many were skipped. */
    long skip(long length) throws IOException {
        long done = 0;
        while (done < length) {
            if (available() == 0 && !nextSegment()) {
                break;
            }
            int n = (int) Math.min(length - done, available());
            if (compressed) {
                inflatedPosition += n;
            } else {
                fileBuffer.position(fileBuffer.position() + n);
            }
            done += n;
        }
        return done;
    }

    /** File offset of the next byte (for plain blocks) or of the ##DZ block holding it, for error messages. */
    long position() throws IOException {
        while (available() == 0 && nextSegment()) {
            // an exhausted or empty block: the next byte lives in the next one
        }
        return compressed ? blockOffset : segmentFileOffset - fileBuffer.remaining();
    }

    private int available() throws IOException {
        if (compressed) {
            return inflated.length - inflatedPosition;
        }
        if (!fileBuffer.hasRemaining() && segmentFileOffset < segmentEnd) {
            fileBuffer.clear();
            fileBuffer.limit((int) Math.min(BUFFER_SIZE, segmentEnd - segmentFileOffset));
            blocks.readFully(segmentFileOffset, fileBuffer);
            segmentFileOffset += fileBuffer.flip().limit();
        }
        return fileBuffer.remaining();
    }

    private boolean nextSegment() throws IOException {
        long link = chain.next();
        if (link == 0) {
            return false;
        }
        MdfBlockReader.Header header = blocks.readHeader(link, "data", "DT", "DZ", "SD", "RD");
        blockOffset = link;
        blockId = header.id();
        long end = header.offset() + header.length();
        if (header.id().equals("DZ")) {
            if (end > blocks.fileSize()) {
                // a cut zlib stream cannot be untransposed or trusted: the block's records are lost
                cut(header, end);
                return false;
            }
            inflated = inflate(blocks.read(link, "compressed data", "DZ"));
            inflatedPosition = 0;
            compressed = true;
            return true;
        }
        compressed = false;
        inflated = null;
        long start = header.dataStart();
        boolean lengthUnknown = lastLengthNotUpdated || header.length() == MdfBlock.HEADER_SIZE
                || end > blocks.fileSize();
        if (unfinalized && lengthUnknown && !chain.hasNext()) {
            end = blocks.nextBlockOrEndOfFile(link);
        } else if (end > blocks.fileSize()) {
            cut(header, end);
            end = blocks.fileSize();
        }
        segmentFileOffset = start;
        segmentEnd = end;
        fileBuffer.limit(0);
        return true;
    }

    /** A block that runs past the end of the file: an error, or when lenient noted for {@link #cutBlock()}. */
    private void cut(MdfBlockReader.Header header, long end) throws LogFormatException {
        if (!lenient) {
            throw blocks.error(header.offset(), "truncated: the ##" + header.id() + " block claims " + header.length()
                    + " bytes but the file ends at " + blocks.fileSize() + " (" + (end - blocks.fileSize())
                    + " bytes missing)");
        }
        cutBlock = new Truncation(header.offset(), "##" + header.id() + " block at byte " + header.offset(),
                blocks.fileSize() - header.offset(), end - blocks.fileSize(), 1);
    }

    /** The block the last byte read came from, e.g. "##DT block at byte 1064", for messages. */
    String currentBlock() {
        return blockId == null ? "data" : "##" + blockId + " block at byte " + blockOffset;
    }

    /** A block that ran past the end of the file (lenient mode), or null. */
    Truncation cutBlock() {
        return cutBlock;
    }

    private byte[] inflate(MdfBlock dz) throws IOException {
        int zipType = dz.u8(2);
        long columns = dz.u32(4);
        long originalLength = dz.u64(8);
        long compressedLength = dz.u64(16);
        if (zipType > 1) {
            throw blocks.error(dz.offset(), "unknown dz_zip_type " + zipType);
        }
        if (originalLength < 0 || originalLength > MAX_INFLATED_BLOCK || compressedLength < 0
                || 24 + compressedLength > dz.data().limit()) {
            throw blocks.error(dz.offset(), "##DZ lengths are inconsistent (original " + originalLength
                    + ", compressed " + compressedLength + ", block data " + dz.data().limit() + ")");
        }
        byte[] input = new byte[(int) compressedLength];
        dz.data().get(24, input);
        byte[] output = new byte[(int) originalLength];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(input);
            int n = 0;
            while (n < output.length && !inflater.finished()) {
                int got = inflater.inflate(output, n, output.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != output.length) {
                throw blocks.error(dz.offset(), "##DZ inflates to " + n + " bytes, expected " + originalLength);
            }
        } catch (DataFormatException e) {
            throw blocks.error(dz.offset(), "##DZ data is not a valid zlib stream: " + e.getMessage());
        } finally {
            inflater.end();
        }
        return zipType == 1 && columns > 1 ? untranspose(output, (int) columns) : output;
    }

    static byte[] untranspose(byte[] transposed, int columns) {
        int rows = transposed.length / columns;
        byte[] records = new byte[transposed.length];
        for (int column = 0; column < columns; column++) {
            int from = column * rows;
            for (int row = 0; row < rows; row++) {
                records[row * columns + column] = transposed[from + row];
            }
        }
        int tail = rows * columns;
        System.arraycopy(transposed, tail, records, tail, transposed.length - tail);
        return records;
    }
}
