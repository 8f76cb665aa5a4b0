package io.fleet.model.log.asc;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.log.ReadOptions;
import io.fleet.model.log.internal.LineLogReader;
import io.fleet.model.log.internal.LineTokens;
import io.fleet.model.log.internal.TextLine;
import io.fleet.model.log.internal.TextLineInput;
import io.fleet.model.log.internal.TextNumbers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Reads Vector ASC logs line by line.
 *
 * <p>Header lines set how later lines read: {@code base hex|dec} (radix of ids and data), {@code timestamps
 * absolute|relative} (relative: each event's time is relative to the previous event's), {@code date ...} (the
 * wall-clock start of the measurement). Frame times are the {@code date} anchor plus the line's offset, as epoch
 * nanoseconds; the date is local time of the logging PC and is read in {@link ReadOptions#logTimeZone()} (UTC
 * unless told). Without a {@code date} header the first {@code Begin Triggerblock} date anchors the log; without
 * either, times are nanoseconds from the start of the measurement.
 *
 * <p>Which date to anchor on depends on the writer, hence {@link TimeAnchor}: CANoe's offsets count from the
 * measurement start that {@code date} records (the default here). python-can's writer puts the time of writing
 * into {@code date} and counts offsets from the first trigger block's date (python-can's reader anchors there
 * too); for files it wrote while converting older logs, only {@link TimeAnchor#FIRST_TRIGGER_BLOCK} is right.
 *
 * <p>CAN and CAN FD data frames are returned; other events (error frames, statistics, status, {@code Start of
 * measurement}, system variables, other buses) and {@code //} comments are skipped and counted. Header and
 * trigger-block lines are structure and not counted. Times are microseconds in CANoe files but any precision up
 * to nanoseconds is read.
 */
public final class AscReader extends LineLogReader {

    /** The header date that line offsets count from. */
    public enum TimeAnchor {
        /** The {@code date} header, else the first {@code Begin Triggerblock} date (CANoe). */
        DATE_HEADER,
        /** The first {@code Begin Triggerblock} date, else the {@code date} header (python-can). */
        FIRST_TRIGGER_BLOCK
    }

    private final ZoneId zone;
    private final TimeAnchor timeAnchor;
    private final AscFrameParser frames = new AscFrameParser();
    private final AscClassicLine classicLine = new AscClassicLine();
    private final LineTokens tokens = new LineTokens();
    private boolean relative;
    private boolean dateSeen;
    private boolean triggerBlockSeen;
    private long anchorNanos;
    private long previousOffsetNanos;

    public AscReader(BufferedReader in, String source, ReadOptions options) {
        this(in, source, options, TimeAnchor.DATE_HEADER);
    }

    public AscReader(BufferedReader in, String source, ReadOptions options, TimeAnchor timeAnchor) {
        this(TextLineInput.of(in), source, options, timeAnchor);
    }

    /** Reads the stream's bytes as ISO-8859-1 (one char each); no buffering needed. */
    public AscReader(InputStream in, String source, ReadOptions options, TimeAnchor timeAnchor) {
        this(TextLineInput.of(in), source, options, timeAnchor);
    }

    private AscReader(TextLineInput in, String source, ReadOptions options, TimeAnchor timeAnchor) {
        super(in, source, options.lenient());
        this.zone = options.logTimeZone();
        this.timeAnchor = timeAnchor;
    }

    public static AscReader open(Path file, ReadOptions options) throws IOException {
        return open(file, options, TimeAnchor.DATE_HEADER);
    }

    public static AscReader open(Path file, ReadOptions options, TimeAnchor timeAnchor) throws IOException {
        // ISO-8859-1 maps every byte: CANoe writes symbolic names and comments in the PC's code page.
        return new AscReader(Files.newInputStream(file), file.toString(), options, timeAnchor);
    }

    @Override
    protected CanFrame parseLine(TextLine line) {
        if (frames.radix() == 16 && classicLine.read(line)) {
            long offset = eventOffset(classicLine.offsetNanos());
            CanFrame frame = classicLine.frame(anchorNanos + offset);
            previousOffsetNanos = offset;
            return frame;
        }
        LineTokens t = tokens.split(line);
        if (t.count() == 0) {
            return null;
        }
        char first = t.firstChar(0);
        if (first >= '0' && first <= '9' || first == '-') {
            return parseEvent(t);
        }
        if (first == '/' && t.length(0) > 1 && line.charAt(t.start(0) + 1) == '/') {
            countSkipped();
        } else if (t.isIgnoreCase(0, "date")) {
            LocalDateTime date = AscDates.parse(words(t, 1));
            if (timeAnchor == TimeAnchor.DATE_HEADER || !triggerBlockSeen) {
                anchor(date);
            }
            dateSeen = true;
        } else if (t.isIgnoreCase(0, "base")) {
            parseBase(t);
        } else if (t.isIgnoreCase(0, "begin") && t.isIgnoreCase(1, "triggerblock")) {
            boolean anchorsHere = !triggerBlockSeen && (timeAnchor == TimeAnchor.FIRST_TRIGGER_BLOCK || !dateSeen);
            if (anchorsHere && t.count() > 2) {
                anchor(AscDates.parse(words(t, 2)));
                triggerBlockSeen = true;
            }
        } else if (!isKnownHeader(t)) {
            throw new IllegalArgumentException("unrecognised line (not a header, comment or timestamped event)");
        }
        return null;
    }

    private CanFrame parseEvent(LineTokens t) {
        long offset = eventOffset(TextNumbers.parseSecondsToNanos(t.line(), t.start(0), t.end(0)));
        CanFrame frame = frames.parse(t, anchorNanos + offset);
        // Only after a successful parse: a rejected line must not shift the times of the lines after it.
        previousOffsetNanos = offset;
        if (frame == null) {
            countSkipped();
        }
        return frame;
    }

    /** The offset from the anchor of an event line whose time reads {@code lineOffsetNanos}. */
    private long eventOffset(long lineOffsetNanos) {
        return relative ? lineOffsetNanos + previousOffsetNanos : lineOffsetNanos;
    }

    private void parseBase(LineTokens t) {
        // "base hex  timestamps absolute"
        for (int i = 1; i < t.count(); i++) {
            if (t.isIgnoreCase(i, "hex")) {
                frames.setRadix(16);
            } else if (t.isIgnoreCase(i, "dec")) {
                frames.setRadix(10);
            } else if (t.isIgnoreCase(i, "relative")) {
                relative = true;
            } else if (t.isIgnoreCase(i, "absolute")) {
                relative = false;
            } else if (!t.isIgnoreCase(i, "timestamps")) {
                throw new IllegalArgumentException("unknown base/timestamps setting '" + t.text(i) + "'");
            }
        }
    }

    private void anchor(LocalDateTime wallClock) {
        Instant start = wallClock.atZone(zone).toInstant();
        try {
            anchorNanos = Math.addExact(Math.multiplyExact(start.getEpochSecond(), 1_000_000_000L), start.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("date " + wallClock + " is beyond epoch nanoseconds (1677-2262)", e);
        }
    }

    private static boolean isKnownHeader(LineTokens t) {
        return t.isIgnoreCase(0, "internal") || t.isIgnoreCase(0, "no") // "[no] internal events logged"
                || t.isIgnoreCase(0, "end") || t.isIgnoreCase(0, "begin");
    }

    private static String[] words(LineTokens t, int from) {
        String[] words = new String[Math.max(0, t.count() - from)];
        for (int i = from; i < t.count(); i++) {
            words[i - from] = t.text(i);
        }
        return words;
    }
}
