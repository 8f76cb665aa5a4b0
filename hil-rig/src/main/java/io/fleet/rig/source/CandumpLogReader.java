package io.fleet.rig.source;

import io.fleet.model.bus.BusRecord;
import io.fleet.model.bus.CanFrame;
import io.fleet.model.bus.Direction;
import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.LogReader;
import io.fleet.model.log.ReadStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * A minimal streaming reader of {@code candump -l} logs, reading from any stream (a file or an S3 range stream).
 * A stop-gap so the rig replays candump files before the shared readers ({@code LogReaders}) land; interfaces get
 * channel numbers 1, 2, ... in order of first appearance.
 */
public final class CandumpLogReader implements LogReader {

    private final String sourceName;
    private final BufferedReader in;
    private final Map<String, Integer> channels = new HashMap<>();
    private long line;
    private long records;
    private long skipped;

    public CandumpLogReader(String sourceName, InputStream stream) {
        this.sourceName = sourceName;
        this.in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.US_ASCII), 1 << 16);
    }

    @Override
    public BusRecord next() throws IOException {
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            String trimmed = text.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                skipped++;
                continue;
            }
            records++;
            return parse(trimmed);
        }
        return null;
    }

    private CanFrame parse(String text) throws LogFormatException {
        String[] parts = text.split("\\s+");
        if (parts.length < 3 || !parts[0].startsWith("(") || !parts[0].endsWith(")")) {
            throw LogFormatException.atLine(sourceName, line, "expected '(seconds.micros) interface ID#DATA'");
        }
        try {
            long nanos = parseTimestamp(parts[0].substring(1, parts[0].length() - 1));
            int channel = channels.computeIfAbsent(parts[1], name -> channels.size() + 1);
            Direction direction = parts.length > 3 && parts[3].equals("T") ? Direction.TX : Direction.RX;
            return parseFrame(parts[2], nanos, channel, direction);
        } catch (IllegalArgumentException e) {
            throw LogFormatException.atLine(sourceName, line, e.getMessage());
        }
    }

    private static long parseTimestamp(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            return Long.parseLong(text) * 1_000_000_000L;
        }
        String fraction = (text.substring(dot + 1) + "000000000").substring(0, 9);
        return Long.parseLong(text.substring(0, dot)) * 1_000_000_000L + Long.parseLong(fraction);
    }

    private static CanFrame parseFrame(String text, long nanos, int channel, Direction direction) {
        int hash = text.indexOf('#');
        if (hash <= 0) {
            throw new IllegalArgumentException("frame '" + text + "' has no '#'");
        }
        String idText = text.substring(0, hash);
        int id = Integer.parseUnsignedInt(idText, 16);
        boolean extended = idText.length() > 3;
        if (text.startsWith("##", hash)) {
            int flags = Character.digit(text.charAt(hash + 2), 16);
            byte[] data = HexFormat.of().parseHex(text.substring(hash + 3).replace(".", ""));
            return new CanFrame(nanos, channel, id, extended, false, true, (flags & 1) != 0, (flags & 2) != 0,
                    direction, data);
        }
        String payload = text.substring(hash + 1);
        if (payload.startsWith("R")) { // an optional DLC digit follows; the shared model keeps none for remotes
            return new CanFrame(nanos, channel, id, extended, true, false, false, false, direction, new byte[0]);
        }
        return new CanFrame(nanos, channel, id, extended, false, false, false, false, direction,
                HexFormat.of().parseHex(payload.replace(".", "")));
    }

    @Override
    public ReadStats stats() {
        return new ReadStats(records, skipped, 0);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
