package io.fleet.cloud.ingest;

import io.fleet.model.bus.CanFrame;
import io.fleet.model.can.dbc.DbcDatabase;
import io.fleet.model.can.dbc.DbcFormatException;
import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.can.dbc.DbcParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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

    private final List<DbcDatabase> vehicleDbcs;
    private final List<DbcDatabase> sharedDbcs;
    private final List<UsedDbc> used;
    private final List<String> warnings;

    private DbcSet(List<DbcDatabase> vehicleDbcs, List<DbcDatabase> sharedDbcs, List<UsedDbc> used,
                   List<String> warnings) {
        this.vehicleDbcs = vehicleDbcs;
        this.sharedDbcs = sharedDbcs;
        this.used = used;
        this.warnings = warnings;
    }

    static DbcSet none() {
        return new DbcSet(List.of(), List.of(), List.of(), List.of());
    }

    /** Reads every {@code dbc/*} and {@code dbc/<vehicle>/*} object of the bucket. */
    static DbcSet load(S3Client s3, String bucket, String vehicle) {
        List<DbcDatabase> own = new ArrayList<>();
        List<DbcDatabase> shared = new ArrayList<>();
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
                (forVehicle ? own : shared).add(dbc);
                used.add(new UsedDbc(object.key(), sha256(bytes)));
            } catch (DbcFormatException e) {
                warnings.add("DBC left out: " + e.getMessage());
            }
        }
        return new DbcSet(List.copyOf(own), List.copyOf(shared), List.copyOf(used), List.copyOf(warnings));
    }

    /** The message that decodes a frame: the vehicle's DBCs first, then the shared ones. */
    Optional<DbcMessage> message(CanFrame frame) {
        for (DbcDatabase dbc : vehicleDbcs) {
            Optional<DbcMessage> message = dbc.message(frame);
            if (message.isPresent()) {
                return message;
            }
        }
        for (DbcDatabase dbc : sharedDbcs) {
            Optional<DbcMessage> message = dbc.message(frame);
            if (message.isPresent()) {
                return message;
            }
        }
        return Optional.empty();
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
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
