package io.fleet.rig.source;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.ReadStats;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;

/**
 * Runs a {@link LogReader} on its own thread (the read-ahead thread) and hands its records to the consuming thread
 * in batches through a bounded queue, so that parsing and whatever the consumer does with the records (formatting,
 * writing) use two cores. Records come out in the reader's order; a read error comes out after the records read
 * before it, as the same exception. A full queue blocks the read-ahead thread, so memory stays bounded.
 *
 * <p>{@link #next()} and {@link #close()} are for one consuming thread. {@link #stats()} counts what the reader had
 * read when the batch being consumed was handed over (it runs ahead by up to a batch).
 */
public final class ReadAheadLogReader implements LogReader {

    /** One handover: records, then maybe the end of the input or the error that ended it. */
    private record Batch(BusRecord[] records, int size, ReadStats stats, boolean last, Throwable failure) {
    }

    private final LogReader reader;
    private final int batchSize;
    private final BlockingQueue<Batch> queue;
    private final Thread thread;
    private volatile boolean closed;
    private Batch current;
    private int index;
    private ReadStats stats = new ReadStats(0, 0, 0);

    /**
     * @param reader    read on a new thread from {@code threads}; closed by {@link #close()}
     * @param batchSize records per handover
     * @param depth     batches that may wait in the queue
     */
    public ReadAheadLogReader(LogReader reader, int batchSize, int depth, ThreadFactory threads) {
        this.reader = reader;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(depth);
        this.thread = threads.newThread(this::readAhead);
        thread.start();
    }

    /** 4,096 records a batch, 8 batches ahead, on a daemon thread named {@code log-read-ahead}. */
    public static ReadAheadLogReader start(LogReader reader) {
        return new ReadAheadLogReader(reader, 4096, 8, r -> {
            Thread thread = new Thread(r, "log-read-ahead");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs on the read-ahead thread. */
    private void readAhead() {
        try {
            boolean last = false;
            while (!last && !closed) {
                BusRecord[] records = new BusRecord[batchSize];
                int size = 0;
                Throwable failure = null;
                try {
                    BusRecord record = null;
                    while (size < batchSize && (record = reader.next()) != null) {
                        records[size++] = record;
                    }
                    last = record == null;
                } catch (IOException | RuntimeException | Error e) {
                    failure = e;
                    last = true;
                }
                queue.put(new Batch(records, size, reader.stats(), last, failure));
            }
        } catch (InterruptedException e) {
            // closed by the consumer before the end: nobody waits for more
        }
    }

    @Override
    public BusRecord next() throws IOException {
        while (current == null || index == current.size()) {
            if (current != null && current.last()) {
                rethrow(current.failure());
                return null;
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the log reader");
            }
            index = 0;
            stats = current.stats();
        }
        return current.records()[index++];
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    @Override
    public ReadStats stats() {
        return stats;
    }

    /** Stops the read-ahead thread, waits for it, then closes the reader. */
    @Override
    public void close() throws IOException {
        closed = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the log reader thread");
        } finally {
            reader.close();
        }
    }
}
