package io.fleet.cloud.ingest;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.dbc.DbcDatabase;
import io.fleet.model.can.dbc.DbcFormatException;
import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.can.dbc.DbcParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The DBC files that apply to one vehicle's drive logs: objects under {@code dbc/} apply to every vehicle, under
 * {@code dbc/<vehicle>/} to that vehicle, and a message defined in both is decoded by the vehicle's. A DBC that does
 * not parse is left out with a warning naming its key, line and column; it fails no drive log.
 */
final class DbcSet {

    static final String PREFIX = "dbc/";

    private final List<J1939Aware> vehicleDbcs;
    private final List<J1939Aware> sharedDbcs;
    private final List<UsedDbc> used;
    private final List<String> warnings;

    private DbcSet(List<J1939Aware> vehicleDbcs, List<J1939Aware> sharedDbcs, List<UsedDbc> used,
                   List<String> warnings) {
        this.vehicleDbcs = vehicleDbcs;
        this.sharedDbcs = sharedDbcs;
        this.used = used;
        this.warnings = warnings;
    }

    static DbcSet none() {
        return new DbcSet(List.of(), List.of(), List.of(), List.of());
    }

    /** One DBC for every vehicle, already parsed (the ingest's rehearsal, which reads no bucket). */
    static DbcSet shared(DbcDatabase dbc, UsedDbc used) {
        return new DbcSet(List.of(), List.of(J1939Aware.of(dbc)), List.of(used), List.of());
    }

    /** Reads every {@code dbc/*} and {@code dbc/<vehicle>/*} object of the bucket. */
    static DbcSet load(S3Client s3, String bucket, String vehicle) {
        List<J1939Aware> own = new ArrayList<>();
        List<J1939Aware> shared = new ArrayList<>();
        List<UsedDbc> used = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(PREFIX)).contents()) {
            String rest = object.key().substring(PREFIX.length());
            boolean forAll = !rest.contains("/");
            boolean forVehicle = rest.startsWith(vehicle + "/") && rest.indexOf('/') == rest.lastIndexOf('/');
            if (rest.isEmpty() || rest.endsWith("/") || !(forAll || forVehicle)) {
                continue;
            }
            byte[] bytes = s3.getObjectAsBytes(g -> g.bucket(bucket).key(object.key())).asByteArray();
            String source = "s3://" + bucket + "/" + object.key();
            try {
                DbcDatabase dbc = DbcParser.parse(source, new String(bytes, StandardCharsets.ISO_8859_1));
                (forVehicle ? own : shared).add(J1939Aware.of(dbc));
                used.add(new UsedDbc(object.key(), sha256(bytes)));
            } catch (DbcFormatException e) {
                warnings.add("DBC left out: " + e.getMessage());
            }
        }
        return new DbcSet(List.copyOf(own), List.copyOf(shared), List.copyOf(used), List.copyOf(warnings));
    }

    /**
     * The message that decodes a frame: the vehicle's DBCs first, then the shared ones; within each, an exact id
     * first, then a J1939 parameter group number.
     */
    Optional<DbcMessage> message(CanFrame frame) {
        return message(vehicleDbcs, frame).or(() -> message(sharedDbcs, frame));
    }

    private static Optional<DbcMessage> message(List<J1939Aware> dbcs, CanFrame frame) {
        for (J1939Aware dbc : dbcs) {
            Optional<DbcMessage> message = dbc.database().message(frame);
            if (message.isPresent()) {
                return message;
            }
        }
        if (!frame.extended() || frame.remote()) {
            return Optional.empty();
        }
        for (J1939Aware dbc : dbcs) {
            DbcMessage message = dbc.byPgn().get(J1939Aware.pgn(frame.id()));
            if (message != null) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    /**
     * A DBC with its J1939 messages by parameter group number: J1939 DBCs give ids with one priority and source
     * address, while a vehicle's ECUs send the same PGN with their own (as cantools and asammdf match them).
     */
    private record J1939Aware(DbcDatabase database, Map<Integer, DbcMessage> byPgn) {

        static J1939Aware of(DbcDatabase dbc) {
            boolean j1939 = "J1939".equalsIgnoreCase(dbc.attributes().getOrDefault("ProtocolType", ""));
            Map<Integer, DbcMessage> byPgn = new HashMap<>();
            for (DbcMessage message : dbc.messages()) {
                if (message.isExtended() && (j1939 || message.frameFormat().equals("J1939PG"))) {
                    byPgn.putIfAbsent(pgn(message.id()), message);
                }
            }
            return new J1939Aware(dbc, Map.copyOf(byPgn));
        }

        /** The PGN of a 29-bit id: data page and PDU format and, for PDU2 (PF >= 240), the group extension. */
        static int pgn(int id) {
            int pgn = (id >>> 8) & 0x3FFFF;
            int pduFormat = (pgn >>> 8) & 0xFF;
            return pduFormat < 240 ? pgn & 0x3FF00 : pgn;
        }
    }

    boolean isEmpty() {
        return used.isEmpty();
    }

    List<UsedDbc> used() {
        return used;
    }

    List<String> warnings() {
        return warnings;
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Sha256.digest().digest(bytes));
    }
}
