package io.fleet.model.log;

import io.fleet.model.Checks;

/**
 * Where a drive log was cut short: the file ends inside a record or a block. A strict reader throws
 * {@link LogFormatException} with {@link #describe()}; a lenient one keeps the records before the cut and reports it
 * in {@link ReadStats#truncation()}.
 *
 * <p>Both counts are lower bounds: a cut that falls between records, or data the file never announced (an
 * unfinalized MDF's last block), leaves nothing a reader could count.
 *
 * @param byteOffset   where the cut record or block starts in the file
 * @param what         what was cut, e.g. "record of channel group 'CAN_DataFrame' in the ##DT block at byte 1064"
 * @param bytesPresent bytes of it the file still holds
 * @param bytesMissing bytes it lacks
 * @param recordsLost  records lost with it (the cut record itself, or the records a cut block held)
 */
public record Truncation(long byteOffset, String what, long bytesPresent, long bytesMissing, long recordsLost) {

    public Truncation {
        Checks.check(byteOffset >= 0, "byteOffset", "must be >= 0", byteOffset);
        Checks.notNull(what, "what");
        Checks.check(bytesPresent >= 0, "bytesPresent", "must be >= 0", bytesPresent);
        Checks.check(bytesMissing > 0, "bytesMissing", "must be > 0", bytesMissing);
        Checks.check(recordsLost >= 1, "recordsLost", "must be >= 1", recordsLost);
    }

    /** E.g. "the file ends inside a record of ... (9 of 20 bytes): at least 1 record lost, 11 bytes missing". */
    public String describe() {
        return "the file ends inside the " + what + " (" + bytesPresent + " of " + (bytesPresent + bytesMissing)
                + " bytes): at least " + recordsLost + (recordsLost == 1 ? " record" : " records") + " lost, "
                + bytesMissing + (bytesMissing == 1 ? " byte" : " bytes") + " missing";
    }
}
