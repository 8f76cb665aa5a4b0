package io.fleet.rig.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CriterionTest {

    @Test
    void parsesTheIssuesExampleWithLimitsInMicroseconds() {
        assertThat(Criterion.parseList("lateness.p99<=100us, response.p99<=20ms,missing=0,lateness.max<2s"))
                .containsExactly(
                        new Criterion("lateness.p99<=100us", Metric.LATENESS_P99, Criterion.Comparison.AT_MOST, 100),
                        new Criterion("response.p99<=20ms", Metric.RESPONSE_P99, Criterion.Comparison.AT_MOST,
                                20_000),
                        new Criterion("missing=0", Metric.MISSING, Criterion.Comparison.EQUAL, 0),
                        new Criterion("lateness.max<2s", Metric.LATENESS_MAX, Criterion.Comparison.BELOW, 2_000_000));
        assertThat(Criterion.parse("lateness.p99.9>=500ns").limit()).isEqualTo(0.5);
        assertThat(Criterion.parse("dropped>=3").comparison()).isEqualTo(Criterion.Comparison.AT_LEAST);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "latency.p99<=100us  | unknown metric 'latency.p99' in 'latency.p99<=100us'; known: lateness.p50,",
        "lateness.p99<=100   | lateness.p99 is a time and needs a unit: ns, us, ms or s",
        "lateness.p99<=-5us  | '-5us' is not a non-negative time",
        "missing=1.5         | '1.5' is not a whole non-negative count",
        "missing             | must look like METRIC<=VALUE",
        "<=100us             | must look like METRIC<=VALUE",
    })
    void badCriteriaSayWhichAndWhy(String criterion, String reason) {
        assertThatThrownBy(() -> Criterion.parseList("dropped=0," + criterion))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }
}
