package io.fleet.rig.replay;

import static io.fleet.rig.replay.Frames.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.bus.CanFrame;
import io.fleet.rig.output.BusOutput;
import io.fleet.rig.output.LoopbackOutput;
import io.fleet.rig.source.InMemoryRecordSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A reader that finds its queue full waits until half of it is free before it queues again, so the sender does not
 * wake it for every record it takes; and nothing is lost or reordered on the way.
 */
class ReaderRefillTest {

    private static final int CAPACITY = 8;

    @Test
    void aFullQueueIsRefilledOnlyOnceHalfOfItIsFree() throws Exception {
        RecordingQueue queue = new RecordingQueue();
        List<CanFrame> log = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            log.add(at(i, 1, 0x100, i));
        }
        ReplayOptions options = ReplayOptions.defaults().withTiming(CAPACITY, 0, 0, 1).withPrefill(0);
        ReplayReader reader = new ReplayReader(InMemoryRecordSource.of("log", log), options,
                new RecordRouter(List.<BusOutput>of(new LoopbackOutput("A")), options.channelMap()),
                List.<BlockingQueue<ScheduledRecord>>of(queue));
        Thread readerThread = new Thread(reader, "replay-reader");
        readerThread.start();

        List<Integer> taken = new ArrayList<>();
        ScheduledRecord next;
        while ((next = queue.take()) != ScheduledRecord.END) {
            taken.add(((CanFrame) next.record()).byteAt(0));
            LockSupport.parkNanos(20_000); // slower than the reader, so the queue fills
        }
        readerThread.join();

        assertThat(taken).hasSize(40).isSorted();
        assertThat(queue.refused).as("the reader found the queue full").isNotEmpty();
        for (int refusedAt : queue.refused) {
            assertThat(queue.sizeBeforeInsert.get(refusedAt)).as("size when the record refused at insertion %d "
                    + "was queued", refusedAt).isLessThanOrEqualTo(CAPACITY / 2);
        }
    }

    /** Remembers the size before every insertion and which insertions were refused first for lack of space. */
    private static final class RecordingQueue extends ArrayBlockingQueue<ScheduledRecord> {

        private static final long serialVersionUID = 1L;
        final List<Integer> sizeBeforeInsert = new CopyOnWriteArrayList<>();
        final List<Integer> refused = new CopyOnWriteArrayList<>();

        RecordingQueue() {
            super(CAPACITY);
        }

        @Override
        public boolean offer(ScheduledRecord record) {
            int size = size();
            if (!super.offer(record)) {
                refused.add(sizeBeforeInsert.size());
                return false;
            }
            sizeBeforeInsert.add(size);
            return true;
        }

        @Override
        public void put(ScheduledRecord record) throws InterruptedException {
            sizeBeforeInsert.add(size());
            super.put(record);
        }
    }
}
