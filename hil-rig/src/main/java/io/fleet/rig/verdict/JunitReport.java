package io.fleet.rig.verdict;

import io.fleet.rig.report.HtmlReportRenderer;
import io.fleet.rig.report.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a {@link Verdict} as JUnit XML, one test case per criterion, the format Jenkins' JUnit plugin and GitLab's
 * {@code artifacts:reports:junit} read: a failed criterion is a {@code <failure>} whose message says what was
 * measured and what was expected.
 */
public final class JunitReport {

    private JunitReport() {
    }

    /**
     * @param suite           the test suite's name, e.g. {@code hil-rig replay drive.log}
     * @param durationSeconds the replay's duration, the suite's time
     */
    public static void write(Verdict verdict, String suite, double durationSeconds, Path file) throws IOException {
        StringBuilder xml = new StringBuilder(1024);
        String time = String.format(Locale.ROOT, "%.3f", durationSeconds);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"")
                .append(verdict.criteria().size()).append("\" failures=\"").append(verdict.failures())
                .append("\" errors=\"0\" time=\"").append(time).append("\">\n  <testsuite name=\"")
                .append(escape(suite)).append("\" tests=\"").append(verdict.criteria().size())
                .append("\" failures=\"").append(verdict.failures()).append("\" errors=\"0\" skipped=\"0\" time=\"")
                .append(time).append("\">\n");
        for (Verdict.Judged judged : verdict.criteria()) {
            xml.append("    <testcase classname=\"").append(escape(suite)).append("\" name=\"")
                    .append(escape(judged.criterion())).append("\" time=\"0\"");
            if (judged.passed()) {
                xml.append(">\n      <system-out>").append(escape(judged.explanation()))
                        .append("</system-out>\n    </testcase>\n");
            } else {
                xml.append(">\n      <failure type=\"criterion\" message=\"").append(escape(judged.explanation()))
                        .append("\">").append(escape(judged.explanation())).append("</failure>\n    </testcase>\n");
            }
        }
        xml.append("  </testsuite>\n</testsuites>\n");
        Files.writeString(file, xml);
    }

    private static String escape(String text) {
        return HtmlReportRenderer.escape(text); // the same five characters need escaping in XML attributes
    }
}
