package io.fleet.cloud.http;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks AWS Signature Version 4 on data-plane requests as AWS IoT does, so that {@code IotDataPlaneClient} (or
 * {@code curl --aws-sigv4}) with the right keys gets in and nobody else does. The signature is recomputed over
 * exactly the headers the client signed, with the region and service of the client's credential scope and the time
 * of its {@code X-Amz-Date}, and compared in constant time. Requests more than 15 minutes from the server's clock
 * are refused, as AWS refuses them.
 *
 * <p>Keys come from a file in the AWS shared credentials format ({@code ~/.aws/credentials}): every profile's
 * {@code aws_access_key_id} and {@code aws_secret_access_key} is accepted. Thread-safe.
 */
public final class SigV4Verifier {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Map<String, String> secrets;
    private final Clock clock;

    SigV4Verifier(Map<String, String> secrets, Clock clock) {
        this.secrets = Map.copyOf(secrets);
        this.clock = clock;
    }

    /** Reads the keys; a missing file, a profile with half a key pair or no key at all fail with file and line. */
    public static SigV4Verifier fromCredentialsFile(Path file, Clock clock) throws IOException {
        Map<String, String> secrets = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String profile = null;
        String keyId = null;
        String secret = null;
        int profileLine = 0;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i).strip() : "[";
            if (line.startsWith("[")) {
                if (profile != null) {
                    if (keyId == null || secret == null) {
                        throw new IOException(file + ":" + profileLine + ": profile [" + profile + "] needs both "
                                + "aws_access_key_id and aws_secret_access_key");
                    }
                    secrets.put(keyId, secret);
                }
                profile = i < lines.size() ? line.replaceAll("^\\[\\s*|\\s*]$", "") : null;
                profileLine = i + 1;
                keyId = null;
                secret = null;
            } else if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith(";")) {
                int equals = line.indexOf('=');
                if (profile == null || equals < 0) {
                    throw new IOException(file + ":" + (i + 1) + ": expected [profile] or key = value");
                }
                String key = line.substring(0, equals).strip().toLowerCase(Locale.ROOT);
                String value = line.substring(equals + 1).strip();
                if (key.equals("aws_access_key_id")) {
                    keyId = value;
                } else if (key.equals("aws_secret_access_key")) {
                    secret = value;
                }
            }
        }
        if (secrets.isEmpty()) {
            throw new IOException(file + ": no profile with aws_access_key_id and aws_secret_access_key");
        }
        return new SigV4Verifier(secrets, clock);
    }

    /**
     * Checks one request.
     *
     * @param rawPath  the path as sent (still percent-encoded)
     * @param rawQuery the query as sent, or null
     * @param header   the request's header by name (case-insensitive), null when absent
     * @return empty when the signature is right, else why not (AWS's wording where AWS has one)
     */
    public Optional<String> check(String method, String rawPath, String rawQuery, Function<String, String> header,
                                  byte[] body) {
        String authorization = header.apply("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return Optional.of("Missing Authentication Token");
        }
        if (!authorization.startsWith(ALGORITHM + " ")) {
            return Optional.of("Authorization header must use " + ALGORITHM);
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : authorization.substring(ALGORITHM.length()).split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                fields.put(part.substring(0, equals).strip(), part.substring(equals + 1).strip());
            }
        }
        String credential = fields.get("Credential");
        String signedHeaders = fields.get("SignedHeaders");
        String signature = fields.get("Signature");
        String[] scope = credential == null ? new String[0] : credential.split("/");
        if (scope.length != 5 || signedHeaders == null || signature == null || !"aws4_request".equals(scope[4])) {
            return Optional.of("Authorization header requires Credential=<key>/<date>/<region>/<service>/"
                    + "aws4_request, SignedHeaders and Signature");
        }
        String secret = secrets.get(scope[0]);
        if (secret == null) {
            return Optional.of("The security token included in the request is invalid.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(String.valueOf(header.apply("X-Amz-Date"))));
        } catch (DateTimeParseException e) {
            return Optional.of("X-Amz-Date header missing or not yyyyMMdd'T'HHmmss'Z'");
        }
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            return Optional.of("Signature expired: " + AMZ_DATE.format(signedAt) + " is more than 15 minutes from "
                    + "the server's time " + AMZ_DATE.format(now));
        }
        String amzDate = AMZ_DATE.format(signedAt);
        if (!amzDate.startsWith(scope[1])) {
            return Optional.of("Credential should be scoped to a valid date: " + scope[1] + " is not the date of "
                    + "X-Amz-Date " + amzDate);
        }
        String expected = expectedSignature(method, rawPath, rawQuery, header, body, signedHeaders, scope, secret,
                amzDate);
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method.");
        }
        return Optional.empty();
    }

    /**
     * The signature of this request with the key's secret, by the algorithm of the AWS docs: the canonical request
     * over exactly the headers the client signed, the path URI-encoded once more (as AWS's SDKs sign every service
     * but S3), the payload's SHA-256. Null when a signed header is missing or a sent content hash does not match.
     */
    private static String expectedSignature(String method, String rawPath, String rawQuery,
                                            Function<String, String> header, byte[] body, String signedHeaders,
                                            String[] scope, String secret, String amzDate) {
        String payloadHash = hex(sha256(body));
        String sentHash = header.apply("x-amz-content-sha256");
        if (sentHash != null && !sentHash.equalsIgnoreCase(payloadHash)) {
            return null;
        }
        StringBuilder canonical = new StringBuilder(256).append(method).append('\n')
                .append(uriEncode(rawPath.isEmpty() ? "/" : rawPath, false)).append('\n')
                .append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signedHeaders.split(";")) {
            String value = header.apply(name);
            if (value == null) {
                return null; // signed but not sent
            }
            canonical.append(name.toLowerCase(Locale.ROOT)).append(':')
                    .append(value.strip().replaceAll(" +", " ")).append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        String credentialScope = String.join("/", scope[1], scope[2], scope[3], scope[4]);
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + credentialScope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, scope[3]);
        key = hmac(key, scope[4]);
        return hex(hmac(key, stringToSign));
    }

    /** Parameters decoded, then each name and value URI-encoded, sorted by name and value. */
    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            pairs.add(uriEncode(name, true) + "=" + uriEncode(value, true));
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    /** AWS's URI encoding: unreserved characters stay, everything else %XX (upper case); '/' stays in a path. */
    private static String uriEncode(String text, boolean encodeSlash) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~' || c == '/' && !encodeSlash) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
