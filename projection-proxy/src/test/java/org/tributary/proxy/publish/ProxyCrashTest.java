package org.tributary.proxy.publish;

import org.junit.jupiter.api.Test;
import org.tributary.testsupport.TestRabbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link ProxyCrash} at a size the build can afford: the proxy killed by SIGKILL three times while four writers
 * commit out of order; no event lost, none out of order within its aggregate. The full run, 100,000 events and ten
 * kills, is {@code bench/proxy-crash/run.sh}.
 */
class ProxyCrashTest {

    @Test
    void aProxyKilledAgainAndAgainLosesNoEventAndKeepsEachAggregatesOrder() throws Exception {
        ProxyCrash.Figures figures = ProxyCrash.run(6_000, 3);
        System.out.println(figures);
        assertThat(figures.lost()).isZero();
        assertThat(figures.outOfOrder()).isZero();
        assertThat(figures.received()).isEqualTo(figures.events() + figures.duplicates());
    }
}
