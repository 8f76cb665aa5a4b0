package io.fleet.model.can.dbc;

/**
 * Splits DBC text into words, quoted strings and punctuation, remembering line and column so every error can point
 * at its place. Strings may span lines (multi-line {@code CM_} comments) and may escape {@code "} and {@code \} with
 * a backslash, as CANdb++ writes them.
 *
 * <p>A word is a run of letters, digits, {@code _} and {@code .}; a {@code +} or {@code -} joins it only as the sign
 * of a number ({@code -40}) or of an exponent ({@code 1E-006}). So {@code 24|16@1+} becomes {@code 24 | 16 @ 1 +}.
 */
final class DbcTokenizer {

    enum Kind { WORD, STRING, PUNCT, END }

    /**
     * @param firstOnLine no other token precedes it on its line; DBC's line-oriented statements ({@code BO_},
     *                    {@code SG_}) end where the next line starts with a keyword
     */
    record Token(Kind kind, String text, int line, int column, boolean firstOnLine) {

        boolean is(String punctOrWord) {
            return kind != Kind.STRING && kind != Kind.END && text.equals(punctOrWord);
        }

        String describe() {
            return switch (kind) {
                case END -> "end of file";
                case STRING -> "string \"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    private final String source;
    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;
    private int lastTokenLine;
    private Token peeked;

    DbcTokenizer(String source, String text) {
        this.source = source;
        // A byte order mark is not part of the first keyword.
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    String source() {
        return source;
    }

    Token peek() throws DbcFormatException {
        if (peeked == null) {
            peeked = read();
        }
        return peeked;
    }

    Token next() throws DbcFormatException {
        Token token = peek();
        peeked = null;
        return token;
    }

    private Token read() throws DbcFormatException {
        skipWhitespace();
        int column = pos - lineStart + 1;
        int tokenLine = line;
        boolean first = tokenLine != lastTokenLine;
        if (pos >= text.length()) {
            return new Token(Kind.END, "", tokenLine, column, true);
        }
        Token token = readAt(tokenLine, column, first);
        // A token after a multi-line string shares the string's last line, so it is not first on its line.
        lastTokenLine = line;
        return token;
    }

    private Token readAt(int tokenLine, int column, boolean first) throws DbcFormatException {
        char c = text.charAt(pos);
        if (c == '"') {
            return new Token(Kind.STRING, readString(tokenLine, column), tokenLine, column, first);
        }
        if (isWordChar(c) || isSignOfNumber(pos)) {
            int start = pos++;
            while (pos < text.length() && (isWordChar(text.charAt(pos)) || isExponentSign(start, pos))) {
                pos++;
            }
            return new Token(Kind.WORD, text.substring(start, pos), tokenLine, column, first);
        }
        pos++;
        return new Token(Kind.PUNCT, String.valueOf(c), tokenLine, column, first);
    }

    private String readString(int startLine, int startColumn) throws DbcFormatException {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\' && pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\\')) {
                c = text.charAt(pos++);
            } else if (c == '\n') {
                newLine();
            }
            value.append(c);
        }
        throw new DbcFormatException(source, startLine, startColumn, "string starting here is not closed by '\"'");
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                pos++;
                newLine();
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private void newLine() {
        line++;
        lineStart = pos;
    }

    private static boolean isWordChar(char c) {
        return c == '_' || c == '.' || (c < 128 && Character.isLetterOrDigit(c));
    }

    private boolean isSignOfNumber(int at) {
        char c = text.charAt(at);
        return (c == '-' || c == '+') && at + 1 < text.length()
                && (Character.isDigit(text.charAt(at + 1)) || text.charAt(at + 1) == '.');
    }

    /** A sign right after the E of a number such as {@code 1E-006}. */
    private boolean isExponentSign(int wordStart, int at) {
        char c = text.charAt(at);
        char before = text.charAt(at - 1);
        char first = text.charAt(wordStart);
        boolean numeric = Character.isDigit(first) || first == '-' || first == '+' || first == '.';
        return (c == '-' || c == '+') && (before == 'e' || before == 'E') && numeric;
    }
}
