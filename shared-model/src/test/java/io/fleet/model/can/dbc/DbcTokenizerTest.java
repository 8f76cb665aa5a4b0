package io.fleet.model.can.dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.can.dbc.DbcTokenizer.Kind;
import io.fleet.model.can.dbc.DbcTokenizer.Token;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DbcTokenizerTest {

    @Test
    void splitsASignalLineIntoItsPieces() throws Exception {
        assertThat(texts(" SG_ Lat m3 : 1|28@1+ (1E-006,-90) [-90|90] \"deg\" A,B"))
                .containsExactly("SG_", "Lat", "m3", ":", "1", "|", "28", "@", "1", "+", "(", "1E-006", ",", "-90",
                        ")", "[", "-90", "|", "90", "]", "deg", "A", ",", "B");
        assertThat(texts("@0- (-1.5e+3,+.5)")).containsExactly("@", "0", "-", "(", "-1.5e+3", ",", "+.5", ")");
        // A sign after an identifier's E is not an exponent.
        assertThat(texts("TYPE-1")).containsExactly("TYPE", "-1");
    }

    @Test
    void stringsSpanLinesAndUnescapeQuotes() throws Exception {
        DbcTokenizer in = new DbcTokenizer("t.dbc", "\uFEFFCM_ \"a \\\"b\\\"\nc\\\\\" ;\nBO_");

        Token keyword = in.next();
        Token string = in.next();
        Token semicolon = in.next();
        Token next = in.next();

        assertThat(keyword.text()).isEqualTo("CM_");
        assertThat(keyword.column()).isEqualTo(1);
        assertThat(string.kind()).isEqualTo(Kind.STRING);
        assertThat(string.text()).isEqualTo("a \"b\"\nc\\");
        assertThat(string.line()).isEqualTo(1);
        assertThat(semicolon.line()).isEqualTo(2);
        assertThat(semicolon.firstOnLine()).isFalse();
        assertThat(next.line()).isEqualTo(3);
        assertThat(next.firstOnLine()).isTrue();
        assertThat(in.next().kind()).isEqualTo(Kind.END);
    }

    private static List<String> texts(String text) throws DbcFormatException {
        DbcTokenizer in = new DbcTokenizer("t.dbc", text);
        List<String> texts = new ArrayList<>();
        for (Token token = in.next(); token.kind() != Kind.END; token = in.next()) {
            texts.add(token.text());
        }
        return texts;
    }
}
