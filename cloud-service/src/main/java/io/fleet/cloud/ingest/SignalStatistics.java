package io.fleet.cloud.ingest;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.can.dbc.DbcSignal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes every CAN frame of a drive log with the {@link DbcSet} and keeps, per message and signal, the count,
 * minimum, maximum and arithmetic mean of the physical values (in the DBC's unit). Every signal of every matching
 * message counts, validity flags included; multiplexed signals count only in frames that carry them. CAN frames whose
 * id no DBC defines are counted as unknown, not dropped silently.
 */
final class SignalStatistics {

    private static final class Accumulator {
        final double[] values;
        final long[] count;
        final double[] min;
        final double[] max;
        final double[] sum;

        Accumulator(int signals) {
            values = new double[signals];
            count = new long[signals];
            min = new double[signals];
            max = new double[signals];
            sum = new double[signals];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }
    }

    private final DbcSet dbcs;
    private final SignalRowSink rows;
    private final Map<DbcMessage, Accumulator> byMessage = new IdentityHashMap<>();
    private final List<DbcMessage> order = new ArrayList<>();
    private long unknownIdFrames;

    SignalStatistics(DbcSet dbcs, SignalRowSink rows) {
        this.dbcs = dbcs;
        this.rows = rows;
    }

    void accept(BusRecord record) throws IOException {
        if (!(record instanceof CanFrame frame) || frame.remote()) {
            return;
        }
        Optional<DbcMessage> found = dbcs.message(frame);
        if (found.isEmpty()) {
            unknownIdFrames++;
            return;
        }
        DbcMessage message = found.get();
        Accumulator sums = byMessage.computeIfAbsent(message, m -> {
            order.add(m);
            return new Accumulator(m.signals().size());
        });
        message.decodePhysical(frame, sums.values);
        rows.frame(record.timestampNanos(), message, sums.values);
        for (int i = 0; i < sums.values.length; i++) {
            double value = sums.values[i];
            if (Double.isNaN(value)) {
                continue; // a multiplexed signal this frame does not carry
            }
            sums.count[i]++;
            sums.sum[i] += value;
            sums.min[i] = Math.min(sums.min[i], value);
            sums.max[i] = Math.max(sums.max[i], value);
        }
    }

    /** CAN frames no DBC defines (all CAN frames when no DBC applies). */
    long unknownIdFrames() {
        return unknownIdFrames;
    }

    List<SignalSummary> summaries() {
        List<SignalSummary> summaries = new ArrayList<>();
        for (DbcMessage message : order) {
            Accumulator sums = byMessage.get(message);
            List<DbcSignal> signals = message.signals();
            for (int i = 0; i < signals.size(); i++) {
                if (sums.count[i] > 0) {
                    summaries.add(new SignalSummary(message.name(), signals.get(i).name(), signals.get(i).unit(),
                            sums.count[i], sums.min[i], sums.max[i], sums.sum[i] / sums.count[i]));
                }
            }
        }
        return summaries;
    }
}
