package io.fleet.model.log.mdf;

import io.fleet.model.log.LogFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Positioned reads of MDF blocks from a file channel. Every block is checked before use: its {@code ##} id, that
 * header, links and data lie inside the file, so a corrupt link fails here with the offset instead of later as an
 * unreadable frame. Metadata blocks are small; data blocks are never read through here in one piece.
 */
final class MdfBlockReader {

    /** Metadata blocks larger than this are corrupt (CANedge's largest, the HD comment, is a few kB). */
    private static final long MAX_METADATA_BLOCK = 16L << 20;

    private final FileChannel channel;
    private final long fileSize;
    private final String source;
    /** Offsets of the metadata blocks read: they bound a last ##DT block whose length was never written. */
    private final NavigableSet<Long> metadataBlocks = new TreeSet<>();

    MdfBlockReader(FileChannel channel, long fileSize, String source) {
        this.channel = channel;
        this.fileSize = fileSize;
        this.source = source;
    }

    long fileSize() {
        return fileSize;
    }

    String source() {
        return source;
    }

    FileChannel channel() {
        return channel;
    }

    LogFormatException error(long offset, String reason) {
        return LogFormatException.atOffset(source, offset, reason);
    }

    /** Reads the block at {@code offset}, which must carry one of {@code expectedIds} (e.g. "DT", "DZ"). */
    MdfBlock read(long offset, String what, String... expectedIds) throws IOException {
        Header header = readHeader(offset, what, expectedIds);
        if (header.length > MAX_METADATA_BLOCK) {
            throw error(offset, what + " block ##" + header.id + " is implausibly large (" + header.length + " bytes)");
        }
        ByteBuffer body = readBytes(offset + MdfBlock.HEADER_SIZE, (int) (header.length - MdfBlock.HEADER_SIZE), what);
        long[] links = new long[(int) header.linkCount];
        for (int i = 0; i < links.length; i++) {
            links[i] = body.getLong(i * 8);
            if (links[i] < 0 || links[i] >= fileSize) {
                throw error(offset + MdfBlock.HEADER_SIZE + i * 8L,
                        what + " block ##" + header.id + " link " + i + " points outside the file (" + links[i] + ")");
            }
        }
        ByteBuffer data = body.position(links.length * 8).slice().order(ByteOrder.LITTLE_ENDIAN);
        if (!header.id.equals("DZ") && !header.id.equals("DL")) {
            metadataBlocks.add(offset);
        }
        return new MdfBlock(offset, header.id, header.length, links, data);
    }

    /** The first metadata block after {@code offset}, or the file size: where data starting there must end. */
    long nextBlockOrEndOfFile(long offset) {
        Long next = metadataBlocks.higher(offset);
        return next == null ? fileSize : next;
    }

    /** Reads and checks only a block header: for data blocks whose body is streamed. */
    Header readHeader(long offset, String what, String... expectedIds) throws IOException {
        if (offset <= 0 || offset + MdfBlock.HEADER_SIZE > fileSize) {
            throw error(offset, what + " block link points outside the file (size " + fileSize + ")");
        }
        ByteBuffer head = readBytes(offset, MdfBlock.HEADER_SIZE, what);
        String id = blockId(head, offset, what, expectedIds);
        long length = head.getLong(8);
        long linkCount = head.getLong(16);
        if (linkCount < 0 || length < MdfBlock.HEADER_SIZE + linkCount * 8) {
            throw error(offset, what + " block ##" + id + " has an invalid length " + length + " for " + linkCount
                    + " links");
        }
        return new Header(offset, id, length, linkCount);
    }

    private String blockId(ByteBuffer head, long offset, String what, String... expectedIds) throws IOException {
        byte[] raw = new byte[4];
        head.get(0, raw);
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        if (text.startsWith("##")) {
            String id = text.substring(2);
            for (String expected : expectedIds) {
                if (expected.equals(id)) {
                    return id;
                }
            }
        }
        throw error(offset, "expected a " + what + " block " + String.join("/", expectedIds) + " but found '"
                + printable(text) + "'");
    }

    /** Text of a ##TX or ##MD block (UTF-8, zero-terminated), or null for a nil link. */
    String readText(long offset, String what) throws IOException {
        if (offset == 0) {
            return null;
        }
        MdfBlock block = read(offset, what, "TX", "MD");
        ByteBuffer data = block.data();
        int end = 0;
        while (end < data.limit() && data.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end];
        data.get(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    ByteBuffer readBytes(long offset, int length, String what) throws IOException {
        if (offset + length > fileSize) {
            throw error(offset, what + " is truncated: needs " + length + " bytes but the file ends at " + fileSize);
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        readFully(offset, buffer);
        return buffer.flip();
    }

    void readFully(long offset, ByteBuffer buffer) throws IOException {
        long position = offset;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw error(position, "unexpected end of file");
            }
            position += n;
        }
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }

    /** A block header whose body has not been read. */
    record Header(long offset, String id, long length, long linkCount) {

        long dataStart() {
            return offset + MdfBlock.HEADER_SIZE + linkCount * 8;
        }
    }
}
