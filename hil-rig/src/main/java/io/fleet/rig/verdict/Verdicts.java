package io.fleet.rig.verdict;

import io.fleet.rig.report.KpiReport;
import io.fleet.rig.report.Verdict;
import java.util.List;
import java.util.OptionalDouble;

/** Judges a replay's KPIs by its criteria; the rig command and rig orchestration share it. */
public final class Verdicts {

    private Verdicts() {
    }

    /** Judges {@code report} by {@code criteria}; a criterion with nothing measured fails. */
    public static Verdict judge(List<Criterion> criteria, KpiReport report) {
        List<Verdict.Judged> judged = criteria.stream().map(c -> {
            OptionalDouble measured = c.metric().measure(report);
            boolean passed = measured.isPresent() && c.comparison().holds(measured.getAsDouble(), c.limit());
            return new Verdict.Judged(c.text(), c.metric().key(), c.comparison().symbol(), c.limit(),
                    measured.isPresent() ? measured.getAsDouble() : null, c.metric().isTime() ? "us" : "", passed);
        }).toList();
        return new Verdict(judged.stream().allMatch(Verdict.Judged::passed), judged);
    }
}
