package io.fleet.model.log;

import io.fleet.model.bus.BusRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The drive-log formats the platform knows, and the one place that says what each can do: its file name
 * extensions, what it holds ({@link RecordKind}), whether it can be read as a stream (front to back, e.g. ranged
 * S3 GETs) and whether {@link LogWriters} writes it. {@link LogReaders} and {@link LogWriters} open the reader and
 * writer of each; commands ask this class instead of looking at file names themselves.
 *
 * <p>A file's format is told by its first bytes where the format has a signature (BLF "LOGG", MDF
 * "MDF     "/"UnFinMF ", pcap and pcapng magic numbers) or a recognizable first line (candump's "(", ASC's
 * "date"/"base"/"//"), else by the file name extension.
 */
public enum LogFormat {
    /** can-utils {@code candump -l}. */
    CANDUMP("candump", List.of("log", "candump"), RecordKind.CAN_FRAMES, true, true),
    /** Vector ASC. */
    ASC("ASC", List.of("asc"), RecordKind.CAN_FRAMES, true, true),
    /** Vector BLF. */
    BLF("BLF", List.of("blf"), RecordKind.CAN_FRAMES, false, true),
    /** ASAM MDF 4 bus logging. */
    MDF4("MDF4", List.of("mf4", "mdf"), RecordKind.CAN_FRAMES, false, true),
    /** libpcap capture. */
    PCAP("pcap", List.of("pcap", "cap"), RecordKind.UDP_DATAGRAMS, false, true),
    /** pcapng capture. */
    PCAPNG("pcapng", List.of("pcapng"), RecordKind.UDP_DATAGRAMS, false, true);

    private static final int SNIFF_BYTES = 256;

    private final String label;
    private final List<String> extensions;
    private final RecordKind holds;
    private final boolean streamable;
    private final boolean writable;

    LogFormat(String label, List<String> extensions, RecordKind holds, boolean streamable, boolean writable) {
        this.label = label;
        this.extensions = extensions;
        this.holds = holds;
        this.streamable = streamable;
        this.writable = writable;
    }

    /** File name extensions, lower case, without the dot. */
    public List<String> extensions() {
        return extensions;
    }

    /** What the format's records are. */
    public RecordKind holds() {
        return holds;
    }

    /** Whether the format can hold {@code record}. */
    public boolean canHold(BusRecord record) {
        return RecordKind.of(record) == holds;
    }

    /** Whether {@link LogReaders#open(String, InputStream, ReadOptions)} reads it front to back from a stream. */
    public boolean streamable() {
        return streamable;
    }

    /** Whether {@link LogWriters#open} writes it. */
    public boolean writable() {
        return writable;
    }

    /**
     * The format to write {@code file} in, by its extension.
     *
     * @throws IllegalArgumentException naming the file when the extension names no format or one that cannot be
     *                                  written, with the formats that can
     */
    public static LogFormat forOutput(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        LogFormat format = fromFileName(name).orElseThrow(() -> new IllegalArgumentException(file
                + ": the extension names no log format; writable: " + describe(LogFormat::writable)));
        if (!format.writable) {
            throw new IllegalArgumentException(file + ": " + format + " logs cannot be written; writable: "
                    + describe(LogFormat::writable));
        }
        return format;
    }

    /**
     * Refuses to write records of {@code kind} (those of {@code source}) into {@code target} in this format.
     *
     * @throws IllegalArgumentException naming the target, the format and what it lacks
     */
    public void requireCanHold(RecordKind kind, String source, Path target) {
        if (kind != holds) {
            throw new IllegalArgumentException(target + ": " + this + " holds " + holds + ", not the " + kind
                    + " of " + source + "; formats that hold " + kind + ": "
                    + describe(f -> f.writable && f.holds == kind));
        }
    }

    /** The formats {@code which} accepts, as "candump (.log, .candump), ASC (.asc)". */
    public static String describe(Predicate<LogFormat> which) {
        return Arrays.stream(values()).filter(which).map(f -> f.label + " (." + String.join(", .", f.extensions)
                + ")").collect(Collectors.joining(", "));
    }

    /** The name users know the format by: candump, ASC, BLF, MDF4, pcap, pcapng. */
    @Override
    public String toString() {
        return label;
    }

    /** The format named by the file name's extension (case-insensitive). */
    public static Optional<LogFormat> fromFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (LogFormat format : values()) {
            if (format.extensions.contains(extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Detects the format of a file by its first bytes, falling back to its extension. */
    public static LogFormat detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        Optional<LogFormat> format = fromContent(head).or(() -> fromFileName(name));
        if (format.isEmpty()) {
            throw LogFormatException.atOffset(file.toString(), 0,
                    "not a known drive-log format (neither its first bytes nor its name tell)");
        }
        return format.get();
    }

    /** The format whose signature or first line {@code head} (the file's first bytes) shows. */
    public static Optional<LogFormat> fromContent(byte[] head) {
        if (startsWith(head, "LOGG")) {
            return Optional.of(BLF);
        }
        if (startsWith(head, "MDF     ") || startsWith(head, "UnFinMF ")) {
            return Optional.of(MDF4);
        }
        if (head.length >= 4) {
            int magic = (head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8 | head[3] & 0xFF;
            if (magic == 0x0A0D0D0A) {
                return Optional.of(PCAPNG);
            }
            if (magic == 0xA1B2C3D4 || magic == 0xD4C3B2A1 || magic == 0xA1B23C4D || magic == 0x4D3CB2A1) {
                return Optional.of(PCAP);
            }
        }
        String text = new String(head, StandardCharsets.ISO_8859_1).stripLeading();
        if (text.startsWith("(") && text.indexOf(')') > 0 && text.indexOf('#') > 0) {
            return Optional.of(CANDUMP);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("date ") || lower.startsWith("base ") || lower.startsWith("//")
                || lower.startsWith("begin triggerblock") || lower.startsWith("internal events")
                || lower.startsWith("no internal events")) {
            return Optional.of(ASC);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, String signature) {
        if (head.length < signature.length()) {
            return false;
        }
        for (int i = 0; i < signature.length(); i++) {
            if (head[i] != signature.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
