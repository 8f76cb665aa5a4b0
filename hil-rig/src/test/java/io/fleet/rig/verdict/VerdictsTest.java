package io.fleet.rig.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.rig.report.KpiReport;
import io.fleet.rig.report.LatencySummary;
import io.fleet.rig.report.Verdict;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class VerdictsTest {

    @TempDir
    Path dir;

    private static LatencySummary latency(double p99Micros, double maxMicros) {
        return new LatencySummary(1000, 10, p99Micros, maxMicros, maxMicros, 12, List.of());
    }

    private static final KpiReport.Stalls NO_STALLS = new KpiReport.Stalls(0, 0, 0);

    /** Two outputs (the worse one's p99 87.3 us, max 1,500 us) and one rule with 2 of 20 requests unanswered. */
    private static KpiReport report(boolean withResponses) {
        List<KpiReport.OutputKpi> outputs = List.of(
                new KpiReport.OutputKpi("A", 1000, 0, latency(40, 900), latency(40, 900), NO_STALLS, NO_STALLS,
                        new long[] {1000}, null),
                new KpiReport.OutputKpi("B", 1000, 0, latency(87.3, 1500), latency(87.3, 1500), NO_STALLS, NO_STALLS,
                        new long[] {1000}, null));
        List<KpiReport.ResponseKpi> responses = withResponses ? List.of(new KpiReport.ResponseKpi("0x7E0->0x7E8", 20,
                18, 2, latency(15_000, 19_000))) : List.of();
        return new KpiReport("drive.log", null, 0, "2026-12-07T15:00:00Z", 1.0, 1.0,
                new KpiReport.Totals(2000, 2000, 0, 0, 0, 0), outputs, responses, null, null);
    }

    @Test
    void eachCriterionIsJudgedOnTheWorstOutputOrRule() {
        Verdict verdict = Verdicts.judge(Criterion.parseList("lateness.p99<=100us,lateness.max<=1ms,"
                + "response.p99<=20ms,missing=0,dropped=0"), report(true));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.criteria()).extracting(Verdict.Judged::passed)
                .containsExactly(true, false, true, false, true);
        assertThat(verdict.criteria()).extracting(Verdict.Judged::measured)
                .containsExactly(87.3, 1500.0, 15_000.0, 2.0, 0.0);
        assertThat(verdict.criteria().get(1).explanation())
                .isEqualTo("lateness.max measured 1500 us, expected <= 1000 us");
        assertThat(verdict.criteria().get(3).explanation()).isEqualTo("missing measured 2, expected = 0");
    }

    @Test
    void aCriterionWithNothingToMeasureFails() {
        Verdict verdict = Verdicts.judge(Criterion.parseList("lateness.p99<=100us,missing=0"), report(false));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.criteria().get(1).measured()).isNull();
        assertThat(verdict.criteria().get(1).explanation()).startsWith("missing not measured");
    }

    @Test
    void junitXmlHasOneTestCasePerCriterionAndAFailureForEachMiss() throws Exception {
        Verdict verdict = Verdicts.judge(Criterion.parseList("lateness.p99<=100us,lateness.max<=1ms"), report(true));
        Path xml = dir.resolve("report.xml");

        JunitReport.write(verdict, "hil-rig replay drive.log", 1.5, xml);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("hil-rig replay drive.log");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("lateness.p99<=100us");
        assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
        Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("lateness.max measured 1500 us, expected <= 1000 us");
    }
}
