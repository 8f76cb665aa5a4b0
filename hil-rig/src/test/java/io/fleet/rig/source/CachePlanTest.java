package io.fleet.rig.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CachePlanTest {

    @Test
    void reproducesTheFieldNotesCacheExample() {
        // 10 PB every 2 weeks over 40 Gbps: "a need for local cache of four PB"
        CachePlan plan = CachePlan.compute(10_000_000, 40, 14);

        assertThat(plan.windowSeconds()).isEqualTo(1_209_600);
        assertThat(plan.linkCapacityGb()).isEqualTo(6_048_000);
        assertThat(plan.cacheGb()).isEqualTo(3_952_000);
    }

    @Test
    void requiredThroughputFollowsTheFormula() {
        // 20 PB in 2 weeks: 20,000,000 * 8 / 1,209,600 = 132.3 Gbps (the notes round this to "~200 Gbps")
        assertThat(CachePlan.compute(20_000_000, 0, 14).requiredLinkGbps()).isCloseTo(132.28, within(0.01));
    }

    @Test
    void aLinkThatCarriesTheWholeDatasetNeedsNoCache() {
        CachePlan plan = CachePlan.compute(10_000, 40, 14);

        assertThat(plan.requiredLinkGbps()).isCloseTo(0.0661, within(0.0001));
        assertThat(plan.cacheGb()).isZero();
    }
}
