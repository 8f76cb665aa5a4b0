package io.fleet.model.can.dbc;

import io.fleet.model.can.dbc.DbcModelBuilder.AttributeDefinition;
import io.fleet.model.can.dbc.DbcModelBuilder.MessageDraft;
import io.fleet.model.can.dbc.DbcModelBuilder.SignalDraft;
import io.fleet.model.can.dbc.DbcTokenizer.Kind;
import io.fleet.model.can.dbc.DbcTokenizer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code BA_DEF_}, {@code BA_DEF_DEF_} and {@code BA_}. Every attribute is kept as text on its network, message or
 * signal (node and environment-variable attributes are read and dropped); the model interprets the few it needs
 * ({@code GenMsgCycleTime}, {@code VFrameFormat}, {@code BusType}, {@code GenSigStartValue}).
 */
final class DbcAttributeStatements {

    private final DbcTokenizer in;
    private final DbcModelBuilder model;

    DbcAttributeStatements(DbcTokenizer in, DbcModelBuilder model) {
        this.in = in;
        this.model = model;
    }

    /** {@code BA_DEF_ [BU_|BO_|SG_|EV_] "name" INT|HEX|FLOAT min max | STRING | ENUM "a","b",... ;} */
    void readDefinition() throws DbcFormatException {
        String scope = "";
        if (in.peek().kind() == Kind.WORD) {
            scope = in.next().text();
        }
        String name = DbcTokens.string(in, "BA_DEF_", "attribute name");
        String type = DbcTokens.word(in, "BA_DEF_", "attribute type");
        List<String> enumValues = new ArrayList<>();
        while (!in.peek().is(";")) {
            Token token = in.next();
            if (token.kind() == Kind.END) {
                throw DbcTokens.error(in, token, "BA_DEF_ \"" + name + "\": expected ';' at end");
            }
            if (token.kind() == Kind.STRING && type.equals("ENUM")) {
                enumValues.add(token.text());
            }
        }
        in.next();
        model.defineAttribute(new AttributeDefinition(scope, name, type, List.copyOf(enumValues)));
    }

    /** {@code BA_DEF_DEF_ "name" value ;} */
    void readDefault() throws DbcFormatException {
        String name = DbcTokens.string(in, "BA_DEF_DEF_", "attribute name");
        String value = value("BA_DEF_DEF_ \"" + name + "\"");
        DbcTokens.expect(in, ";", "BA_DEF_DEF_ \"" + name + "\"", "';' at end");
        model.defaultAttribute(name, value);
    }

    /** {@code BA_ "name" [BU_ node | BO_ id | SG_ id signal | EV_ variable] value ;} */
    void readValue(Token keyword) throws DbcFormatException {
        String name = DbcTokens.string(in, "BA_", "attribute name");
        String context = "BA_ \"" + name + "\"";
        Token target = in.peek();
        MessageDraft message = null;
        SignalDraft signal = null;
        boolean dropped = false;
        if (target.is("BU_") || target.is("EV_")) {
            in.next();
            DbcTokens.word(in, context, "node or variable name");
            dropped = true;
        } else if (target.is("BO_")) {
            in.next();
            long id = DbcTokens.unsignedId(in, context, "message id");
            message = model.message(id, keyword.line(), context);
            dropped = message == null;
        } else if (target.is("SG_")) {
            in.next();
            long id = DbcTokens.unsignedId(in, context, "message id");
            String signalName = DbcTokens.word(in, context, "signal name");
            signal = model.signal(id, signalName, keyword.line(), context);
            dropped = signal == null;
        }
        String value = model.attributeValue(name, value(context));
        DbcTokens.expect(in, ";", context, "';' at end");
        if (dropped) {
            return;
        }
        if (signal != null) {
            signal.attributes.put(name, value);
        } else if (message != null) {
            message.attributes.put(name, value);
        } else {
            model.networkAttributes.put(name, value);
        }
    }

    private String value(String context) throws DbcFormatException {
        Token token = in.next();
        if (token.kind() == Kind.STRING || DbcTokens.isNumber(token)) {
            return token.text();
        }
        throw DbcTokens.error(in, token, context + ": expected a number or a string value, found "
                + token.describe());
    }
}
