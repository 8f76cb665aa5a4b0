package io.fleet.model.can.dbc;

import io.fleet.model.can.dbc.DbcModelBuilder.SignalDraft;
import io.fleet.model.can.dbc.DbcTokenizer.Kind;
import io.fleet.model.can.dbc.DbcTokenizer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code SG_} line: {@code SG_ <name> [M|m<n>] : <start>|<length>@<0|1><+|-> (<factor>,<offset>)
 * [<min>|<max>] "<unit>" <receivers>}. The line is the most error-prone part of a hand-edited DBC, so every piece
 * has its own expectation in the error message.
 */
final class SignalLineParser {

    private SignalLineParser() {
    }

    /** Reads the rest of an {@code SG_} line; {@code keyword} is the {@code SG_} token. */
    static SignalDraft read(DbcTokenizer in, DbcModelBuilder model, Token keyword) throws DbcFormatException {
        SignalDraft s = new SignalDraft();
        s.line = keyword.line();
        s.name = DbcTokens.word(in, "SG_ line", "signal name");
        if (!in.peek().is(":")) {
            readMultiplexIndicator(in, model, s);
        }
        DbcTokens.expect(in, ":", "SG_ line", "':' after signal name");
        s.startBit = DbcTokens.integer(in, "SG_ line", "start bit", 0, 511);
        DbcTokens.expect(in, "|", "SG_ line", "'|' after start bit");
        s.length = DbcTokens.integer(in, "SG_ line", "bit length", 1, 64);
        DbcTokens.expect(in, "@", "SG_ line", "'@' after bit length");
        Token order = in.next();
        if (!order.is("0") && !order.is("1")) {
            throw DbcTokens.error(in, order, "SG_ line: expected byte order 0 (Motorola) or 1 (Intel) after '@',"
                    + " found " + order.describe());
        }
        s.byteOrder = order.is("1") ? SignalByteOrder.INTEL : SignalByteOrder.MOTOROLA;
        Token sign = in.next();
        if (!sign.is("+") && !sign.is("-")) {
            throw DbcTokens.error(in, sign, "SG_ line: expected '+' or '-' after byte order, found "
                    + sign.describe());
        }
        s.encoding = sign.is("-") ? SignalEncoding.SIGNED : SignalEncoding.UNSIGNED;
        DbcTokens.expect(in, "(", "SG_ line", "'(' before factor");
        s.factor = DbcTokens.number(in, "SG_ line", "factor");
        DbcTokens.expect(in, ",", "SG_ line", "',' between factor and offset");
        s.offset = DbcTokens.number(in, "SG_ line", "offset");
        DbcTokens.expect(in, ")", "SG_ line", "')' after offset");
        DbcTokens.expect(in, "[", "SG_ line", "'[' before minimum");
        s.minimum = DbcTokens.number(in, "SG_ line", "minimum");
        DbcTokens.expect(in, "|", "SG_ line", "'|' between minimum and maximum");
        s.maximum = DbcTokens.number(in, "SG_ line", "maximum");
        DbcTokens.expect(in, "]", "SG_ line", "']' after maximum");
        s.unit = DbcTokens.string(in, "SG_ line", "unit string");
        List<String> receivers = new ArrayList<>();
        while (in.peek().line() == keyword.line() && (in.peek().kind() == Kind.WORD || in.peek().is(","))) {
            Token receiver = in.next();
            if (receiver.kind() == Kind.WORD) {
                receivers.add(receiver.text());
            }
        }
        s.receivers = receivers;
        return s;
    }

    /** {@code M}, {@code m<n>}; {@code m<n>M} (extended multiplexing) is read as {@code m<n>} with a warning. */
    private static void readMultiplexIndicator(DbcTokenizer in, DbcModelBuilder model, SignalDraft s)
            throws DbcFormatException {
        Token indicator = in.next();
        String text = indicator.text();
        if (indicator.is("M")) {
            s.multiplexor = true;
        } else if (indicator.kind() == Kind.WORD && text.matches("m\\d{1,9}M?")) {
            s.multiplexerValue = Integer.parseInt(text.substring(1, text.endsWith("M") ? text.length() - 1
                    : text.length()));
            if (text.endsWith("M")) {
                model.warn(indicator.line(), "SG_ " + s.name + ": extended multiplexing '" + text + "' is not"
                        + " supported; read as m" + s.multiplexerValue);
            }
        } else {
            throw DbcTokens.error(in, indicator, "SG_ line: expected ':' or a multiplexer indicator (M, m<n>) after"
                    + " signal name, found " + indicator.describe());
        }
    }
}
