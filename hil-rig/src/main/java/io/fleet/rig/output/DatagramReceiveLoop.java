package io.fleet.rig.output;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver thread of a UDP output: blocks in {@link DatagramChannel#receive}, which runs concurrently with sends
 * on the sender thread, and hands each datagram to a decoder. Ends when the channel is closed. Also holds the
 * send-side check both UDP outputs share ({@link #sendWhole}).
 */
final class DatagramReceiveLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramReceiveLoop.class);

    /** Called on the receiver thread with the datagram in {@code buffer[0, length)}. */
    @FunctionalInterface
    interface DatagramHandler {
        void onDatagram(byte[] buffer, int length, InetSocketAddress sender) throws IOException;
    }

    private final String outputName;
    private final DatagramChannel channel;
    private final DatagramHandler handler;
    private volatile long malformed;

    private DatagramReceiveLoop(String outputName, DatagramChannel channel, DatagramHandler handler) {
        this.outputName = outputName;
        this.channel = channel;
        this.handler = handler;
    }

    /**
     * Sends one datagram whole on the sender thread; a UDP send that does not take all bytes means the socket's send
     * buffer is full, which the replay counts as a drop.
     */
    static void sendWhole(String outputName, DatagramChannel channel, ByteBuffer datagram, InetSocketAddress to)
            throws IOException {
        int length = datagram.remaining();
        int written = channel.send(datagram, to);
        if (written != length) {
            throw new IOException(outputName + ": socket send buffer full, datagram of " + length
                    + " bytes not sent");
        }
    }

    static DatagramReceiveLoop start(String outputName, DatagramChannel channel, DatagramHandler handler,
                                     ThreadFactory threads) {
        DatagramReceiveLoop loop = new DatagramReceiveLoop(outputName, channel, handler);
        Thread thread = threads.newThread(loop);
        thread.setName("receive-" + outputName);
        thread.start();
        return loop;
    }

    long malformed() {
        return malformed;
    }

    @Override
    public void run() {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        while (channel.isOpen()) {
            try {
                buffer.clear();
                InetSocketAddress sender = (InetSocketAddress) channel.receive(buffer);
                handler.onDatagram(buffer.array(), buffer.position(), sender);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // one bad datagram (or a failing capture write) must not end the capture of all later ones
                malformed++;
                LOG.warn("{}: ignored a received datagram: {}", outputName, e.toString());
            }
        }
    }
}
