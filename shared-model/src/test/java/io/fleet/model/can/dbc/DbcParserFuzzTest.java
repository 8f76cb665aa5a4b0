package io.fleet.model.can.dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged files must either parse or fail with {@link DbcFormatException}; any other exception would escape the
 * ingest and agent code that only expects I/O errors. Random single-character edits of real files, fixed seed.
 */
class DbcParserFuzzTest {

    private static final String PUNCTUATION = "\"|@+-()[],:; \nMm0179.E_";

    @Test
    void damagedFilesFailOnlyWithDbcFormatException() throws Exception {
        Random random = new Random(20261126);
        int parsed = 0;
        int rejected = 0;
        for (Path file : new Path[] {DbcTestFiles.gnss(), DbcTestFiles.bodyController(), DbcTestFiles.j1939Demo()}) {
            String original = Files.readString(file);
            for (int round = 0; round < 1500; round++) {
                StringBuilder text = new StringBuilder(original);
                for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                    int at = random.nextInt(text.length());
                    char c = PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()));
                    switch (random.nextInt(3)) {
                        case 0 -> text.deleteCharAt(at);
                        case 1 -> text.insert(at, c);
                        default -> text.setCharAt(at, c);
                    }
                }
                try {
                    DbcParser.parse("fuzz.dbc", text.toString());
                    parsed++;
                } catch (DbcFormatException e) {
                    assertThat(e.getMessage()).startsWith("fuzz.dbc:");
                    rejected++;
                } catch (RuntimeException e) {
                    fail("unexpected " + e + " for edit of " + file.getFileName() + " in round " + round, e);
                }
            }
        }
        assertThat(parsed).isPositive();
        assertThat(rejected).isPositive();
    }
}
