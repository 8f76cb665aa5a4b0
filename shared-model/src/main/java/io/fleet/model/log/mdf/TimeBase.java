package io.fleet.model.log.mdf;

/**
 * Turns a channel group's master time channel into epoch nanoseconds: hd_start_time_ns plus the converted master
 * value in seconds. When the linear factor is a whole number of nanoseconds (CANedge: 1e-6 s on a 48-bit integer,
 * or 1e-9 s on a float64) the arithmetic is done in integers, so microsecond timestamps come out exact instead of
 * off by floating-point rounding.
 */
final class TimeBase {

    private final long startNanos;
    private final RecordField master;
    private final long nanosPerUnit;
    private final long offsetNanos;
    private final double factor;
    private final double offset;

    TimeBase(long startNanos, RecordField master) {
        this.startNanos = startNanos;
        this.master = master;
        this.factor = master == null ? 0 : master.conversion().factor();
        this.offset = master == null ? 0 : master.conversion().offset();
        boolean linear = master != null && (master.conversion().type() == Conversion.LINEAR
                || master.conversion().type() == 0);
        double perUnit = factor * 1e9;
        long whole = Math.round(perUnit);
        this.nanosPerUnit = linear && whole >= 1 && Math.abs(perUnit - whole) < 1e-6 * whole ? whole : 0;
        this.offsetNanos = Math.round(offset * 1e9);
    }

    long epochNanos(byte[] record, long recordIndex) {
        if (master == null) {
            return startNanos;
        }
        if (nanosPerUnit != 0) {
            if (master.isFloating()) {
                return startNanos + Math.round(master.rawDouble(record, recordIndex) * nanosPerUnit) + offsetNanos;
            }
            return startNanos + master.raw(record, recordIndex) * nanosPerUnit + offsetNanos;
        }
        double seconds = master.conversion().apply(master.rawDouble(record, recordIndex));
        return startNanos + Math.round(seconds * 1e9);
    }
}
