package io.fleet.model.log.asc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AscDatesTest {

    private static final DateTimeFormatter JDK = DateTimeFormatter.ofPattern(AscDates.WRITE_PATTERN, Locale.ENGLISH);

    @Test
    void formatsAsTheJdkFormatterInEnglish() {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            // every weekday and month, both ends of epoch nanoseconds (1677-2262) and beyond 4-digit years
            LocalDateTime time = LocalDateTime.of(1600, 1, 1, 0, 0)
                    .plusSeconds((long) (random.nextDouble() * 800 * 365.25 * 86_400))
                    .withNano(random.nextInt(1_000_000_000));
            assertThat(AscDates.format(time)).isEqualTo(JDK.format(time));
        }
        LocalDateTime far = LocalDateTime.of(12_345, 6, 7, 8, 9, 10);
        assertThat(AscDates.format(far)).isEqualTo(JDK.format(far));
    }

    @Test
    void readsBackWhatItWrites() {
        LocalDateTime time = LocalDateTime.of(2023, 11, 14, 22, 13, 20, 5_000_000);
        assertThat(AscDates.format(time)).isEqualTo("Tue Nov 14 22:13:20.005 2023");
        assertThat(AscDates.parse(AscDates.format(time).split(" "))).isEqualTo(time);
    }
}
