package io.fleet.rig.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.ReadStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadAheadLogReaderTest {

    /** {@code count} frames, then the end or, with {@code failure}, that exception. */
    private static LogReader frames(int count, IOException failure, AtomicBoolean closed) {
        return new LogReader() {
            private int next;

            @Override
            public BusRecord next() throws IOException {
                if (next < count) {
                    return CanFrame.classic(next++, 1, 0x100, false, new byte[] {1});
                }
                if (failure != null) {
                    throw failure;
                }
                return null;
            }

            @Override
            public ReadStats stats() {
                return new ReadStats(next, 0, 0);
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
    }

    private static ReadAheadLogReader readAhead(LogReader reader) {
        return new ReadAheadLogReader(reader, 7, 2, Thread::new);
    }

    @Test
    void handsOverEveryRecordInOrderAcrossBatches() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        List<Long> times = new ArrayList<>();
        try (ReadAheadLogReader reader = readAhead(frames(100, null, closed))) {
            BusRecord record;
            while ((record = reader.next()) != null) {
                times.add(((CanFrame) record).timestampNanos());
            }
            assertThat(reader.next()).isNull();
            assertThat(reader.stats().records()).isEqualTo(100);
        }
        assertThat(times).hasSize(100).isSorted().startsWith(0L).endsWith(99L);
        assertThat(closed).isTrue();
    }

    @Test
    void aReadErrorComesAfterTheRecordsBeforeIt() throws IOException {
        LogFormatException failure = LogFormatException.atLine("x.log", 31, "bad");
        try (ReadAheadLogReader reader = readAhead(frames(30, failure, new AtomicBoolean()))) {
            for (int i = 0; i < 30; i++) {
                assertThat(reader.next()).isNotNull();
            }
            assertThatThrownBy(reader::next).isSameAs(failure);
        }
    }

    @Test
    void closingEarlyStopsTheBlockedReadAheadThread() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        ReadAheadLogReader reader = readAhead(frames(1_000_000, null, closed));
        assertThat(reader.next()).isNotNull();
        reader.close(); // the read-ahead thread waits on the full queue: close must not hang
        assertThat(closed).isTrue();
    }
}
