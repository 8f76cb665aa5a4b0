package io.fleet.cloud.ingest;

import io.fleet.model.can.dbc.DbcMessage;
import java.io.IOException;

/**
 * Receives every decoded sample of a drive log, one frame at a time, as {@link SignalStatistics} decodes it: the
 * place where derived data (the Parquet of decoded signals) is written while the log streams by.
 */
interface SignalRowSink {

    /** Takes nothing: a read without derived output. */
    SignalRowSink NONE = new SignalRowSink() {
        @Override
        public void frame(long epochNanos, DbcMessage message, double[] physical) {
        }

        @Override
        public void restart() {
        }
    };

    /** Both sinks take every row, {@code first} first. */
    static SignalRowSink both(SignalRowSink first, SignalRowSink second) {
        return new SignalRowSink() {
            @Override
            public void frame(long epochNanos, DbcMessage message, double[] physical) throws IOException {
                first.frame(epochNanos, message, physical);
                second.frame(epochNanos, message, physical);
            }

            @Override
            public void restart() throws IOException {
                first.restart();
                second.restart();
            }
        };
    }

    /**
     * @param epochNanos the frame's time
     * @param message    the DBC message that decoded it
     * @param physical   the physical value of each of the message's signals, NaN for a multiplexed signal the frame
     *                   does not carry; only valid during the call
     */
    void frame(long epochNanos, DbcMessage message, double[] physical) throws IOException;

    /** Forgets the rows taken so far: the log is read again (an unfinalized MF4 read leniently after a strict try). */
    void restart() throws IOException;
}
