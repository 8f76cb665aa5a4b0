package io.fleet.cloud.users;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Voice PINs hashed with PBKDF2-HMAC-SHA256 (the JDK's), a random 16-byte salt per PIN and, by default, OWASP's
 * 600,000 iterations, encoded as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} so the count can grow later.
 */
public final class PinHash {

    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final Pattern PIN = Pattern.compile("[0-9]{4}");
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PinHash() {
    }

    /** Whether {@code pin} has the form of a voice PIN: exactly four digits. */
    public static boolean isWellFormed(String pin) {
        return pin != null && PIN.matcher(pin).matches();
    }

    /** @throws IllegalArgumentException when {@code pin} is not four digits (the message never repeats it) */
    public static void checkWellFormed(String pin) {
        if (!isWellFormed(pin)) {
            throw new IllegalArgumentException("pin must be exactly 4 digits (0-9)");
        }
    }

    public static String hash(String pin, int iterations) {
        checkWellFormed(pin);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(pin, salt, iterations));
    }

    /** Whether {@code pin} is the one {@code encoded} was made from; compares in constant time. */
    public static boolean matches(String pin, String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException("not a " + SCHEME + " PIN hash");
        }
        if (!isWellFormed(pin)) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(pin, b64.decode(parts[2]), Integer.parseInt(parts[1])));
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
