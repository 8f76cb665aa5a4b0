package io.fleet.model.can.dbc;

import io.fleet.model.can.dbc.DbcModelBuilder.MessageDraft;
import io.fleet.model.can.dbc.DbcModelBuilder.SignalDraft;
import io.fleet.model.can.dbc.DbcTokenizer.Kind;
import io.fleet.model.can.dbc.DbcTokenizer.Token;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads a DBC file into a {@link DbcDatabase}. Start here: {@link #parse(Path)}.
 *
 * <p>What it keeps: {@code VERSION}, {@code BU_}, {@code BO_}, {@code SG_} (with simple multiplexing), {@code CM_},
 * {@code VAL_}, {@code VAL_TABLE_}, {@code BA_DEF_}/{@code BA_DEF_DEF_}/{@code BA_} and {@code SIG_VALTYPE_}. Other
 * known keywords ({@code EV_}, {@code BO_TX_BU_}, {@code SGTYPE_}, {@code SIG_GROUP_}, ...) are skipped quietly;
 * unknown ones are skipped with a warning in {@link DbcDatabase#warnings()}. What it cannot make sense of in a
 * statement it keeps throws {@link DbcFormatException} with file, line, column and reason, because a
 * half-understood signal would decode wrong numbers silently.
 */
public final class DbcParser {

    private static final Set<String> SKIPPED = Set.of("NS_DESC_", "CAT_DEF_", "CAT_", "FILTER", "EV_",
            "ENVVAR_DATA_", "SGTYPE_", "SGTYPE_VAL_", "BA_DEF_SGTYPE_", "BA_SGTYPE_", "SIG_TYPE_REF_", "SIG_GROUP_",
            "SIGTYPE_VALTYPE_", "BO_TX_BU_", "BA_DEF_REL_", "BA_REL_", "BA_DEF_DEF_REL_", "BU_SG_REL_", "BU_EV_REL_",
            "BU_BO_REL_", "SG_MUL_VAL_");
    private static final Set<String> KEPT = Set.of("VERSION", "NS_", "BS_", "BU_", "BO_", "SG_", "CM_", "VAL_TABLE_",
            "VAL_", "BA_DEF_", "BA_DEF_DEF_", "BA_", "SIG_VALTYPE_");

    private final DbcTokenizer in;
    private final DbcModelBuilder model;
    private final DbcAttributeStatements attributes;
    private MessageDraft currentMessage;

    private DbcParser(String sourceName, String text) {
        this.in = new DbcTokenizer(sourceName, text);
        this.model = new DbcModelBuilder(sourceName);
        this.attributes = new DbcAttributeStatements(in, model);
    }

    /**
     * Parses a file, named in errors by its file name. UTF-8 is tried first; files that are not valid UTF-8 are
     * read as Windows-1252, which is what CANdb++ writes.
     */
    public static DbcDatabase parse(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, windows1252());
        }
        return parse(file.getFileName().toString(), text);
    }

    /** Parses DBC text from a reader, which the caller closes; {@code sourceName} locates errors. */
    public static DbcDatabase parse(String sourceName, Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) >= 0; ) {
            text.append(buffer, 0, n);
        }
        return parse(sourceName, text.toString());
    }

    public static DbcDatabase parse(String sourceName, String text) throws DbcFormatException {
        return new DbcParser(sourceName, text).run();
    }

    private DbcDatabase run() throws DbcFormatException {
        for (Token token = in.next(); token.kind() != Kind.END; token = in.next()) {
            if (token.is(";")) {
                continue;
            }
            if (token.kind() != Kind.WORD) {
                model.warn(token.line(), "unexpected " + token.describe() + " skipped");
                skipStatement();
                continue;
            }
            if (!token.is("SG_")) {
                currentMessage = null;
            }
            switch (token.text()) {
                case "VERSION" -> model.version = expectString("VERSION", "version string");
                case "NS_" -> skipNewSymbols();
                case "BS_" -> skipRestOfLine(token.line());
                case "BU_" -> readNodes();
                case "BO_" -> readMessage(token);
                case "SG_" -> {
                    if (currentMessage == null) {
                        throw DbcTokens.error(in, token, "SG_ line: signal outside of a BO_ message");
                    }
                    model.addSignal(currentMessage, SignalLineParser.read(in, model, token));
                }
                case "CM_" -> readComment();
                case "VAL_TABLE_" -> readValueTableDefinition();
                case "VAL_" -> readSignalValues(token);
                case "BA_DEF_" -> attributes.readDefinition();
                case "BA_DEF_DEF_" -> attributes.readDefault();
                case "BA_" -> attributes.readValue(token);
                case "SIG_VALTYPE_" -> readSignalValueType(token);
                default -> {
                    if (!SKIPPED.contains(token.text())) {
                        model.warn(token.line(), "unknown keyword '" + token.text() + "' skipped");
                    }
                    skipStatement();
                }
            }
        }
        return model.build();
    }

    private void readNodes() throws DbcFormatException {
        expect(":", "BU_", "':' after BU_");
        while (in.peek().kind() == Kind.WORD && !startsStatement(in.peek())) {
            model.nodes.add(in.next().text());
        }
    }

    private void readMessage(Token keyword) throws DbcFormatException {
        long dbcId = DbcTokens.unsignedId(in, "BO_ line", "message id");
        boolean extended = (dbcId & 0x8000_0000L) != 0;
        if (!extended && dbcId > 0x7FF) {
            throw DbcTokens.error(in, keyword, "BO_ line: standard id " + dbcId + " exceeds 11 bits and bit 31"
                    + " (extended) is not set");
        }
        String name = DbcTokens.word(in, "BO_ line", "message name");
        expect(":", "BO_ line", "':' after message name");
        int length = DbcTokens.integer(in, "BO_ line", "message length", 0, 64);
        Token sender = in.peek();
        boolean hasSender = sender.kind() == Kind.WORD && sender.line() == keyword.line();
        currentMessage = model.addMessage(new MessageDraft(dbcId, name, length,
                hasSender ? in.next().text() : "Vector__XXX", keyword.line()));
    }

    private void readComment() throws DbcFormatException {
        Token target = in.next();
        if (target.kind() == Kind.STRING) {
            model.networkComment = target.text();
        } else if (target.is("BU_") || target.is("EV_")) {
            DbcTokens.word(in, "CM_", "node or variable name");
            expectString("CM_", "comment string");
        } else if (target.is("BO_")) {
            long id = DbcTokens.unsignedId(in, "CM_ BO_", "message id");
            String comment = expectString("CM_ BO_", "comment string");
            MessageDraft message = model.message(id, target.line(), "CM_ BO_");
            if (message != null) {
                message.comment = comment;
            }
        } else if (target.is("SG_")) {
            long id = DbcTokens.unsignedId(in, "CM_ SG_", "message id");
            String signalName = DbcTokens.word(in, "CM_ SG_", "signal name");
            String comment = expectString("CM_ SG_", "comment string");
            SignalDraft signal = model.signal(id, signalName, target.line(), "CM_ SG_");
            if (signal != null) {
                signal.comment = comment;
            }
        } else {
            throw DbcTokens.error(in, target, "CM_: expected a string or BU_, BO_, SG_, EV_, found "
                    + target.describe());
        }
        expect(";", "CM_", "';' at end of comment");
    }

    private void readValueTableDefinition() throws DbcFormatException {
        String name = DbcTokens.word(in, "VAL_TABLE_", "table name");
        model.valueTables.put(name, DbcTokens.valueDescriptions(in, "VAL_TABLE_"));
    }

    private void readSignalValues(Token keyword) throws DbcFormatException {
        if (!DbcTokens.isNumber(in.peek())) {
            skipStatement(); // value descriptions of an environment variable
            return;
        }
        long id = DbcTokens.unsignedId(in, "VAL_", "message id");
        String signalName = DbcTokens.word(in, "VAL_", "signal name");
        ValueTable table = DbcTokens.valueDescriptions(in, "VAL_");
        SignalDraft signal = model.signal(id, signalName, keyword.line(), "VAL_");
        if (signal != null) {
            signal.valueTable = table;
        }
    }

    private void readSignalValueType(Token keyword) throws DbcFormatException {
        long id = DbcTokens.unsignedId(in, "SIG_VALTYPE_", "message id");
        String signalName = DbcTokens.word(in, "SIG_VALTYPE_", "signal name");
        if (in.peek().is(":")) {
            in.next();
        }
        int type = DbcTokens.integer(in, "SIG_VALTYPE_", "value type", 0, 2);
        expect(";", "SIG_VALTYPE_", "';' at end");
        SignalDraft signal = model.signal(id, signalName, keyword.line(), "SIG_VALTYPE_");
        if (signal != null && type != 0) {
            signal.encoding = type == 1 ? SignalEncoding.FLOAT32 : SignalEncoding.FLOAT64;
        }
    }

    /**
     * The list of keywords after {@code NS_ :}; it ends where the mandatory {@code BS_} (or a later section)
     * starts.
     */
    private void skipNewSymbols() throws DbcFormatException {
        while (in.peek().is(":") || (in.peek().kind() == Kind.WORD && !in.peek().is("BS_") && !in.peek().is("BU_")
                && !in.peek().is("BO_"))) {
            in.next();
        }
    }

    private void skipRestOfLine(int line) throws DbcFormatException {
        while (in.peek().kind() != Kind.END && in.peek().line() == line) {
            in.next();
        }
    }

    /** Up to and including the next ';', or up to the next line that starts with a keyword. */
    private void skipStatement() throws DbcFormatException {
        while (in.peek().kind() != Kind.END && !startsStatement(in.peek())) {
            if (in.next().is(";")) {
                return;
            }
        }
    }

    static boolean startsStatement(Token token) {
        return token.kind() == Kind.WORD && token.firstOnLine()
                && (KEPT.contains(token.text()) || SKIPPED.contains(token.text())
                || token.text().matches("[A-Z][A-Z_]*_"));
    }

    private void expect(String punct, String context, String what) throws DbcFormatException {
        DbcTokens.expect(in, punct, context, what);
    }

    private String expectString(String context, String what) throws DbcFormatException {
        return DbcTokens.string(in, context, what);
    }

    private static Charset windows1252() {
        return Charset.isSupported("windows-1252") ? Charset.forName("windows-1252") : StandardCharsets.ISO_8859_1;
    }
}
