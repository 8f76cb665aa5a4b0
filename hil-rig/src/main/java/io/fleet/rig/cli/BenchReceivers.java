package io.fleet.rig.cli;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The threads that run the benchmark's gateways ({@code --receivers}): one blocking thread per bus, as separate
 * gateways would, or one thread that waits on all buses' sockets at once with a selector, so the two cores of a
 * small machine hold fewer threads that compete with the senders being measured.
 */
final class BenchReceivers implements AutoCloseable {

    /**
     * {@code --receivers}: {@code per-bus}, {@code shared}, or {@code polling}: one thread that never sleeps and
     * polls every bus's socket, as a gateway with its own CPU would be ready, so no send has to wake it (on
     * loopback the sender's system call delivers the datagram and wakes a sleeping receiver itself).
     */
    enum Mode {
        PER_BUS, SHARED, POLLING;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Mode parse(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private final List<Thread> threads = new ArrayList<>();
    private final Selector selector;

    private BenchReceivers(Selector selector) {
        this.selector = selector;
    }

    /** Starts receiving for every gateway; {@link #close} after the gateways are closed joins the threads. */
    static BenchReceivers start(List<BenchGateway> gateways, Mode mode) throws IOException {
        if (mode == Mode.PER_BUS) {
            BenchReceivers receivers = new BenchReceivers(null);
            for (BenchGateway gateway : gateways) {
                receivers.startThread("bench-gateway", () -> receiveBlocking(gateway));
            }
            return receivers;
        }
        if (mode == Mode.POLLING) {
            BenchReceivers receivers = new BenchReceivers(null);
            for (BenchGateway gateway : gateways) {
                gateway.channel().configureBlocking(false);
            }
            receivers.startThread("bench-gateways-polling", () -> receivePolling(gateways));
            return receivers;
        }
        Selector selector = Selector.open();
        for (BenchGateway gateway : gateways) {
            gateway.channel().configureBlocking(false);
            gateway.channel().register(selector, SelectionKey.OP_READ, gateway);
        }
        BenchReceivers receivers = new BenchReceivers(selector);
        receivers.startThread("bench-gateways", receivers::receiveSelected);
        return receivers;
    }

    private void startThread(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        threads.add(thread);
        thread.start();
    }

    private static void receiveBlocking(BenchGateway gateway) {
        try {
            while (true) {
                gateway.receiveOne();
            }
        } catch (ClosedChannelException e) {
            // the run is over
        } catch (IOException e) {
            throw new IllegalStateException("bench gateway got a malformed datagram", e);
        }
    }

    /** Until the first gateway closes: the run is then over. Allocates nothing per round. */
    private static void receivePolling(List<BenchGateway> gateways) {
        while (true) {
            for (BenchGateway gateway : gateways) {
                if (!gateway.channel().isOpen()) {
                    return;
                }
                drain(gateway);
            }
            Thread.onSpinWait();
        }
    }

    private void receiveSelected() {
        try {
            while (selector.isOpen()) {
                selector.select(key -> drain((BenchGateway) key.attachment()));
            }
        } catch (ClosedSelectorException e) {
            // the run is over
        } catch (IOException e) {
            throw new IllegalStateException("bench gateways: " + e.getMessage(), e);
        }
    }

    private static void drain(BenchGateway gateway) {
        try {
            while (gateway.receiveOne()) {
                // every datagram that is already there
            }
        } catch (ClosedChannelException e) {
            // closed between select and receive
        } catch (IOException e) {
            throw new IllegalStateException("bench gateway got a malformed datagram", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (selector != null) {
            selector.close();
        }
        for (Thread thread : threads) {
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
