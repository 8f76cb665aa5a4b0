package io.fleet.model.can.dbc;

import io.fleet.model.can.dbc.DbcTokenizer.Kind;
import io.fleet.model.can.dbc.DbcTokenizer.Token;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads one expected token of a statement, or fails with a message that says which statement wanted what. */
final class DbcTokens {

    private DbcTokens() {
    }

    static DbcFormatException error(DbcTokenizer in, Token at, String reason) {
        return new DbcFormatException(in.source(), at.line(), at.column(), reason);
    }

    static void expect(DbcTokenizer in, String punct, String context, String what) throws DbcFormatException {
        Token token = in.next();
        if (!token.is(punct)) {
            throw error(in, token, context + ": expected " + what + ", found " + token.describe());
        }
    }

    static String string(DbcTokenizer in, String context, String what) throws DbcFormatException {
        Token token = in.next();
        if (token.kind() != Kind.STRING) {
            throw error(in, token, context + ": expected " + what + " in quotes, found " + token.describe());
        }
        return token.text();
    }

    static String word(DbcTokenizer in, String context, String what) throws DbcFormatException {
        Token token = in.next();
        if (token.kind() != Kind.WORD) {
            throw error(in, token, context + ": expected " + what + ", found " + token.describe());
        }
        return token.text();
    }

    static boolean isNumber(Token token) {
        if (token.kind() != Kind.WORD) {
            return false;
        }
        try {
            Double.parseDouble(token.text());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static double number(DbcTokenizer in, String context, String what) throws DbcFormatException {
        Token token = in.next();
        if (!isNumber(token)) {
            throw error(in, token, context + ": expected " + what + " (a number), found " + token.describe());
        }
        return Double.parseDouble(token.text());
    }

    static int integer(DbcTokenizer in, String context, String what, int min, int max) throws DbcFormatException {
        Token token = in.next();
        long value = integerValue(in, token, context, what);
        if (value < min || value > max) {
            throw error(in, token, context + ": " + what + " " + value + " is outside [" + min + ", " + max + "]");
        }
        return (int) value;
    }

    /** A DBC message id as written: 32 bits, bit 31 marking an extended frame. */
    static long unsignedId(DbcTokenizer in, String context, String what) throws DbcFormatException {
        Token token = in.next();
        long value = integerValue(in, token, context, what);
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw error(in, token, context + ": " + what + " " + value + " does not fit 32 bits");
        }
        return value;
    }

    /** {@code <number> "<text>"} pairs up to and including ';'. */
    static ValueTable valueDescriptions(DbcTokenizer in, String context) throws DbcFormatException {
        Map<Long, String> labels = new LinkedHashMap<>();
        while (!in.peek().is(";")) {
            Token token = in.next();
            long raw = integerValue(in, token, context, "raw value or ';'");
            labels.put(raw, string(in, context, "text for value " + raw));
        }
        in.next();
        return new ValueTable(labels);
    }

    private static long integerValue(DbcTokenizer in, Token token, String context, String what)
            throws DbcFormatException {
        if (token.kind() == Kind.WORD) {
            try {
                return Long.parseLong(token.text().startsWith("+") ? token.text().substring(1) : token.text());
            } catch (NumberFormatException e) {
                // Some tools write integers as "100.0"; accept those, reject real fractions.
                if (isNumber(token)) {
                    double value = Double.parseDouble(token.text());
                    if (value == Math.rint(value) && Math.abs(value) < 0x1p63) {
                        return (long) value;
                    }
                }
            }
        }
        throw error(in, token, context + ": expected " + what + " (an integer), found " + token.describe());
    }
}
