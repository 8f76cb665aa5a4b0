package io.fleet.model.log.asc;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The wall-clock dates of ASC headers ({@code date ...}, {@code Begin Triggerblock ...}). CANoe writes them in the
 * logging PC's language and clock style, without a zone:
 * <pre>
 * Sat Sep 30 10:06:13.191 PM 2017    English, 12-hour clock
 * Sam Sep 30 15:06:13.191 2017       German weekday, 24-hour clock
 * Thu Nov 12 09:39:26 am 2020        no milliseconds
 * </pre>
 * The weekday is ignored (it is redundant and localized); month names are accepted in English and German.
 */
final class AscDates {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("mär", 3), Map.entry("mrz", 3),
            Map.entry("apr", 4), Map.entry("may", 5), Map.entry("mai", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("okt", 10),
            Map.entry("nov", 11), Map.entry("dec", 12), Map.entry("dez", 12));

    /** The form python-can and CANoe (24-hour setting) write; parsed back by {@link #parse}. */
    static final String WRITE_PATTERN = "EEE MMM dd HH:mm:ss.SSS yyyy";
    private static final String[] WEEKDAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTH_NAMES = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"};

    private AscDates() {
    }

    /** Parses the date in {@code words} (already without the leading keyword); throws IllegalArgumentException. */
    static LocalDateTime parse(String[] words) {
        int m = 0;
        while (m < words.length && monthOf(words[m]) == null) {
            m++;
        }
        if (m + 3 > words.length) {
            throw new IllegalArgumentException("unreadable date '" + String.join(" ", words) + "'");
        }
        try {
            int month = monthOf(words[m]);
            int day = Integer.parseInt(words[m + 1]);
            String[] clock = words[m + 2].split("[:.]");
            int hour = Integer.parseInt(clock[0]);
            int minute = Integer.parseInt(clock[1]);
            int second = Integer.parseInt(clock[2]);
            int millis = clock.length > 3 ? Integer.parseInt((clock[3] + "00").substring(0, 3)) : 0;
            int next = m + 3;
            if (next < words.length && (words[next].equalsIgnoreCase("am") || words[next].equalsIgnoreCase("pm"))) {
                boolean pm = words[next].equalsIgnoreCase("pm");
                hour = hour % 12 + (pm ? 12 : 0);
                next++;
            }
            int year = Integer.parseInt(words[next]);
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable date '" + String.join(" ", words) + "'", e);
        }
    }

    /**
     * {@link #WRITE_PATTERN} in English. Written by hand for 4-digit years (every year epoch nanoseconds reach):
     * the JDK's formatter loads the CLDR locale data on first use, ~45 ms of a short conversion's start-up.
     */
    static String format(LocalDateTime time) {
        if (time.getYear() < 1000 || time.getYear() > 9999) {
            return DateTimeFormatter.ofPattern(WRITE_PATTERN, Locale.ENGLISH).format(time);
        }
        StringBuilder out = new StringBuilder(28)
                .append(WEEKDAYS[time.getDayOfWeek().ordinal()]).append(' ')
                .append(MONTH_NAMES[time.getMonthValue() - 1]).append(' ');
        twoDigits(out, time.getDayOfMonth()).append(' ');
        twoDigits(out, time.getHour()).append(':');
        twoDigits(out, time.getMinute()).append(':');
        twoDigits(out, time.getSecond()).append('.');
        int millis = time.getNano() / 1_000_000;
        out.append((char) ('0' + millis / 100));
        twoDigits(out, millis % 100);
        return out.append(' ').append(time.getYear()).toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static Integer monthOf(String word) {
        return word.length() >= 3 ? MONTHS.get(word.substring(0, 3).toLowerCase(Locale.ROOT)) : null;
    }
}
