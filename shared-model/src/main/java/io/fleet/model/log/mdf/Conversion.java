package io.fleet.model.log.mdf;

import java.util.Arrays;

/**
 * The part of an MDF 4 ##CC conversion block a bus-logging reader needs. Bus-logging files use only three kinds:
 * identity (no block or cc_type 0), linear (cc_type 1, phys = cc_val[1] * raw + cc_val[0]: CANedge uses it for the
 * µs time base and, with factor 0, for constant virtual channels such as BusChannel = 9), and value-to-value table
 * without interpolation (cc_type 5, pairs key/value: the CAN FD DLC -> DataLength table).
 *
 * @param type cc_type
 * @param values cc_val as stored
 */
record Conversion(int type, double[] values) {

    static final Conversion IDENTITY = new Conversion(0, new double[0]);
    static final int LINEAR = 1;
    static final int VALUE_TO_VALUE = 5;

    static boolean isSupported(int type) {
        return type == 0 || type == LINEAR || type == VALUE_TO_VALUE;
    }

    boolean isIdentity() {
        return type == 0 || (type == LINEAR && values[0] == 0 && values[1] == 1);
    }

    double apply(double raw) {
        switch (type) {
            case LINEAR:
                return values[1] * raw + values[0];
            case VALUE_TO_VALUE:
                return lookUp(raw);
            default:
                return raw;
        }
    }

    /** Linear factor, 1 for identity: the master channel's time unit in seconds. */
    double factor() {
        return type == LINEAR ? values[1] : 1;
    }

    double offset() {
        return type == LINEAR ? values[0] : 0;
    }

    /**
     * The spec's "without interpolation" rule: an exact key maps to its value; between two keys the nearer one wins;
     * outside the table the first or last value applies. Keys are sorted ascending as the spec requires.
     */
    private double lookUp(double raw) {
        int pairs = values.length / 2;
        if (pairs == 0) {
            return raw;
        }
        if (raw <= values[0]) {
            return values[1];
        }
        for (int i = 1; i < pairs; i++) {
            double key = values[2 * i];
            if (raw <= key) {
                double previous = values[2 * i - 2];
                return raw - previous < key - raw ? values[2 * i - 1] : values[2 * i + 1];
            }
        }
        return values[2 * pairs - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Conversion c && c.type == type && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Conversion[type=" + type + " " + Arrays.toString(values) + "]";
    }
}
