package io.fleet.model.can.dbc;

import static io.fleet.model.can.dbc.DbcTestFiles.parseText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DBC syntax the real files in {@code testdata/} do not use, and malformed input. */
class DbcParserTest {

    private static final String HEADER = "VERSION \"7\"\n\nNS_ :\n\tCM_\n\tBA_\n\nBS_:\n\nBU_: TCU BCM GW\n\n";

    @Test
    void readsVersionNodesCommentsAndSharedValueTables() {
        DbcDatabase db = parseText(HEADER
                + "VAL_TABLE_ OnOff 1 \"On\" 0 \"Off\" ;\n"
                + "BO_ 100 Status: 2 BCM\n"
                + " SG_ Lamp : 0|1@1+ (1,0) [0|1] \"\" TCU,GW\n"
                + "CM_ \"The network.\";\n"
                + "CM_ BU_ BCM \"Body controller\";\n"
                + "CM_ BO_ 100 \"Status of\nthe \\\"body\\\"\";\n"
                + "CM_ SG_ 100 Lamp \"Line one\r\nline two\";\n");

        assertThat(db.version()).isEqualTo("7");
        assertThat(db.nodes()).containsExactly("TCU", "BCM", "GW");
        assertThat(db.comment()).isEqualTo("The network.");
        assertThat(db.valueTables()).containsOnlyKeys("OnOff");
        assertThat(db.valueTables().get("OnOff").labels()).containsEntry(1L, "On").containsEntry(0L, "Off");
        DbcMessage status = db.message(100, false).orElseThrow();
        assertThat(status.comment()).isEqualTo("Status of\nthe \"body\"");
        DbcSignal lamp = status.signal("Lamp").orElseThrow();
        assertThat(lamp.comment()).isEqualTo("Line one\r\nline two");
        assertThat(lamp.receivers()).containsExactly("TCU", "GW");
        assertThat(db.warnings()).isEmpty();
    }

    @Test
    void skipsKnownKeywordsQuietlyAndWarnsAboutUnknownOnes() {
        DbcDatabase db = parseText(HEADER
                + "BO_ 100 Status: 8 BCM\n"
                + " SG_ Speed : 0|16@1+ (0.01,0) [0|655.35] \"km/h\" TCU\n"
                + "\n"
                + "BO_TX_BU_ 100 : BCM,GW;\n"
                + "EV_ EnvSpeed: 0 [0|100] \"\" 0 1 DUMMY_NODE_VECTOR0 Vector__XXX;\n"
                + "SGTYPE_ SpeedType : 16@1+ (0.01,0) [0|655.35] \"km/h\" 0, Speeds;\n"
                + "SIG_GROUP_ 100 Group 1 : Speed;\n"
                + "FUTURE_THING_ 100 \"x\" 1 2 3;\n"
                + "VAL_ EnvSpeed 0 \"Zero\" ;\n"
                + "CM_ SG_ 100 Speed \"still read after the skipped lines\";\n");

        assertThat(db.message("Status").orElseThrow().signal("Speed").orElseThrow().comment())
                .isEqualTo("still read after the skipped lines");
        assertThat(db.warnings()).containsExactly("inline.dbc:18: unknown keyword 'FUTURE_THING_' skipped");
    }

    @Test
    void readsMultiplexingFloatsExtendedIdsAndFdFrames() {
        DbcDatabase db = parseText(HEADER
                + "BO_ 2147484672 Diag: 64 GW\n"
                + " SG_ Page M : 0|8@1+ (1,0) [0|0] \"\" TCU\n"
                + " SG_ Temperature m0 : 8|32@1- (1,0) [0|0] \"degC\" TCU\n"
                + " SG_ Pressure m1 : 8|64@1- (1,0) [0|0] \"bar\" TCU\n"
                + "SIG_VALTYPE_ 2147484672 Temperature : 1;\n"
                + "SIG_VALTYPE_ 2147484672 Pressure : 2;\n"
                + "BA_DEF_ BO_ \"VFrameFormat\" ENUM \"StandardCAN\",\"ExtendedCAN\",\"StandardCAN_FD\","
                + "\"ExtendedCAN_FD\";\n"
                + "BA_DEF_ BO_ \"GenMsgCycleTime\" INT 0 65535;\n"
                + "BA_DEF_ \"BusType\" STRING ;\n"
                + "BA_DEF_DEF_ \"VFrameFormat\" \"StandardCAN\";\n"
                + "BA_ \"BusType\" \"CAN FD\";\n"
                + "BA_ \"VFrameFormat\" BO_ 2147484672 3;\n"
                + "BA_ \"GenMsgCycleTime\" BO_ 2147484672 20;\n");

        DbcMessage diag = db.message(0x400, true).orElseThrow();
        assertThat(diag.length()).isEqualTo(64);
        assertThat(diag.frameFormat()).isEqualTo("ExtendedCAN_FD");
        assertThat(diag.isFd()).isTrue();
        assertThat(diag.cycleTimeMillis()).hasValue(20);
        assertThat(db.busType()).contains("CAN FD");
        assertThat(diag.multiplexor().orElseThrow().name()).isEqualTo("Page");
        assertThat(diag.signal("Temperature").orElseThrow().multiplexerValue()).hasValue(0);
        assertThat(diag.signal("Temperature").orElseThrow().encoding()).isEqualTo(SignalEncoding.FLOAT32);
        assertThat(diag.signal("Pressure").orElseThrow().multiplexerValue()).hasValue(1);
        assertThat(diag.signal("Pressure").orElseThrow().encoding()).isEqualTo(SignalEncoding.FLOAT64);
    }

    @Test
    void readsWindows1252FilesThatAreNotUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cp1252.dbc");
        Files.write(file, (HEADER + "BO_ 1 M: 1 BCM\n SG_ T : 0|8@1+ (1,0) [0|0] \"\u00b0C\" TCU\n")
                .getBytes(Charset.forName("windows-1252")));

        assertThat(DbcParser.parse(file).message(1, false).orElseThrow().signal("T").orElseThrow().unit())
                .isEqualTo("\u00b0C");
        assertThat(DbcParser.parse("r.dbc", new StringReader(HEADER)).nodes()).hasSize(3);
    }

    @Test
    void referencesToUnknownMessagesAndSignalsAreWarnings() {
        DbcDatabase db = parseText(HEADER
                + "BO_ 1 M: 1 BCM\n SG_ A : 0|8@1+ (1,0) [0|0] \"\" TCU\n"
                + "CM_ BO_ 2 \"nobody\";\n"
                + "VAL_ 1 B 0 \"Zero\" ;\n");

        assertThat(db.warnings()).containsExactly(
                "inline.dbc:13: CM_ BO_ refers to unknown message 2; ignored",
                "inline.dbc:14: VAL_ refers to unknown signal B of M; ignored");
    }

    @Test
    void malformedSignalLineNamesFileLineColumnAndReason() {
        assertThatThrownBy(() -> DbcParser.parse("test.dbc", HEADER + "BO_ 1 M: 8 BCM\n"
                + " SG_ Speed : 0|16 1+ (1,0) [0|0] \"\" TCU\n"))
                .isInstanceOfSatisfying(DbcFormatException.class, e -> {
                    assertThat(e.source()).isEqualTo("test.dbc");
                    assertThat(e.line()).isEqualTo(12);
                    assertThat(e.column()).isEqualTo(19);
                    assertThat(e.reason()).isEqualTo("SG_ line: expected '@' after bit length, found '1'");
                })
                .hasMessage("test.dbc:12:19: SG_ line: expected '@' after bit length, found '1'");
    }

    @Test
    void otherMalformedStatementsAreRejectedWithTheirReason() {
        Map<String, String> cases = Map.of(
                "BO_ 1 M: 8 BCM\n SG_ S : 0|8@2+ (1,0) [0|0] \"\" TCU\n",
                "test.dbc:12:14: SG_ line: expected byte order 0 (Motorola) or 1 (Intel) after '@', found '2'",
                "BO_ 1 M: 8 BCM\n SG_ S : 0|65@1+ (1,0) [0|0] \"\" TCU\n",
                "test.dbc:12:12: SG_ line: bit length 65 is outside [1, 64]",
                "BO_ 1 M: 8 BCM\n SG_ S : 0|8@1+ (x,0) [0|0] \"\" TCU\n",
                "test.dbc:12:18: SG_ line: expected factor (a number), found 'x'",
                " SG_ S : 0|8@1+ (1,0) [0|0] \"\" TCU\n",
                "test.dbc:11:2: SG_ line: signal outside of a BO_ message",
                "BO_ 2048 M: 8 BCM\n",
                "test.dbc:11:1: BO_ line: standard id 2048 exceeds 11 bits and bit 31 (extended) is not set",
                "BO_ 1 M: 8 BCM\nCM_ BO_ 1 \"never closed;\n",
                "test.dbc:12:11: string starting here is not closed by '\"'",
                "BO_ 1 M: 8 BCM\n SG_ S : 0|16@1+ (1,0) [0|0] \"\" TCU\nSIG_VALTYPE_ 1 S : 1;\n",
                "test.dbc:12: SG_ S: float signal length must be 32 (was 16)",
                "BO_ 1 M: 8 BCM\n SG_ S m12345678901 : 0|8@1+ (1,0) [0|0] \"\" TCU\n",
                "test.dbc:12:8: SG_ line: expected ':' or a multiplexer indicator (M, m<n>) after signal name,"
                        + " found 'm12345678901'",
                "BO_ 1 M: 8 BCM\nCM_ BO_ 1 \"no semicolon\"\nBO_ 2 N: 8 BCM\n",
                "test.dbc:13:1: CM_: expected ';' at end of comment, found 'BO_'");
        cases.forEach((body, message) -> assertThatThrownBy(() -> DbcParser.parse("test.dbc", HEADER + body))
                .as(body).isInstanceOf(DbcFormatException.class).hasMessage(message));
    }

    @Test
    void toleratesLooseLayoutAndReportsUnsupportedMultiplexing() {
        DbcDatabase db = parseText("VERSION \"\"\nNS_ :\nBS_: 500 : 1,2\nBU_:\n  A\n  B\n"
                + "BO_ 10 NoSender: 1\n"
                + " SG_ X : 0|8@1+ (1,0) [0|0] \"\"\n"
                + "BO_ 11 Ext: 8 A\n"
                + " SG_ Sel M : 0|8@1+ (1,0) [0|0] \"\" B\n"
                + " SG_ Sub m1M : 8|8@1+ (1,0) [0|0] \"\" B\n"
                + "BO_ 12 Orphan: 8 A\n"
                + " SG_ Y m2 : 0|8@1+ (1,0) [0|0] \"\" B\n"
                + "BA_DEF_ BU_ \"NodeLayer\" STRING ;\n"
                + "BA_ \"NodeLayer\" BU_ A \"x\";\n"
                + "BA_ \"Undefined\" BO_ 10 7;\n");

        assertThat(db.nodes()).containsExactly("A", "B");
        DbcMessage noSender = db.message(10, false).orElseThrow();
        assertThat(noSender.sender()).isEqualTo("Vector__XXX");
        assertThat(noSender.signal("X").orElseThrow().receivers()).isEmpty();
        assertThat(noSender.attributes()).containsEntry("Undefined", "7");
        assertThat(db.message(11, false).orElseThrow().signal("Sub").orElseThrow().multiplexerValue()).hasValue(1);
        assertThat(db.warnings()).containsExactly(
                "inline.dbc:11: SG_ Sub: extended multiplexing 'm1M' is not supported; read as m1",
                "inline.dbc:13: SG_ Y is multiplexed but Orphan has no multiplexor (M); decoded in every frame");
    }
}
