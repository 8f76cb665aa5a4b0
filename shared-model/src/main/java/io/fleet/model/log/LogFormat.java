package io.fleet.model.log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The drive-log formats the platform knows, and how to tell them apart: by the file's first bytes where the format
 * has a signature (BLF "LOGG", MDF "MDF     "/"UnFinMF ", pcap and pcapng magic numbers) or a recognizable first
 * line (candump's "(", ASC's "date"/"base"/"//"), else by the file name extension.
 */
public enum LogFormat {
    /** can-utils {@code candump -l}. */
    CANDUMP(List.of("log", "candump")),
    /** Vector ASC. */
    ASC(List.of("asc")),
    /** Vector BLF. */
    BLF(List.of("blf")),
    /** ASAM MDF 4 bus logging. */
    MDF4(List.of("mf4", "mdf")),
    /** libpcap capture. */
    PCAP(List.of("pcap", "cap")),
    /** pcapng capture. */
    PCAPNG(List.of("pcapng"));

    private static final int SNIFF_BYTES = 256;

    private final List<String> extensions;

    LogFormat(List<String> extensions) {
        this.extensions = extensions;
    }

    /** File name extensions, lower case, without the dot. */
    public List<String> extensions() {
        return extensions;
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
