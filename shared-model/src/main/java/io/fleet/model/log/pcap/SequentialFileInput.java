package io.fleet.model.log.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Buffered forward reading of a capture file that knows the file offset of every byte, for error messages. */
final class SequentialFileInput {

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private long bufferStart;

    SequentialFileInput(FileChannel channel) {
        this.channel = channel;
        buffer.limit(0);
    }

    /** Offset of the next byte to be read. */
    long position() {
        return bufferStart + buffer.position();
    }

    /**
     * Reads up to {@code length} bytes, fewer only at the end of the file.
     *
     * @return the number of bytes read
     */
    int read(byte[] destination, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            if (!buffer.hasRemaining() && !refill()) {
                break;
            }
            int n = Math.min(length - done, buffer.remaining());
            buffer.get(destination, offset + done, n);
            done += n;
        }
        return done;
    }

    private boolean refill() throws IOException {
        bufferStart += buffer.limit();
        buffer.clear();
        int n = channel.read(buffer, bufferStart);
        buffer.flip();
        return n > 0;
    }
}
