package io.netrare.scoring.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.netrare.models.peer.PeerRareProvider;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.JobSpec;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.Scenario;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The acceptance for {@code peer_rare} on one reporting seed (8202), on the hard fleet and on the fleet where every
 * host is unique: every fleet-rare, host-only, outbreak and cross-role attack alerted, at most 0.03 false alerts per
 * host-day, and none on the hosts that joined mid-run (on the unique fleet, a database host that joins has no peer
 * group and takes over the nightly pg_dump of the hosts that ran it before).
 */
class FleetEvaluationTest {

    @ParameterizedTest
    @ValueSource(strings = {"hard", "unique"})
    void peerRareAlertsEveryAttackWithFewFalseAlertsAndNoneOnJoinedHosts(String scenario) {
        FleetSimulator sim = new FleetSimulator(FleetEvaluation.spec(8202, "hard".equals(scenario) ? Scenario.HARD
                : Scenario.UNIQUE));
        List<NetworkEvent> events = sim.datafeedEvents().toList();
        assertThat(sim.joinedHosts()).as("hosts join mid-run").isNotEmpty();
        FleetEvaluation.Outcome peer = FleetEvaluation.engine("peer_rare", JobSpec.anchorDefault(), new PeerRareProvider(),
                events, sim.attacks(), sim.joinedHosts().keySet(), sim.hostDays());

        for (FleetEvaluation.AttackClass c : FleetEvaluation.AttackClass.values()) {
            long attacks = sim.attacks().stream().filter(a -> FleetEvaluation.classOf(a) == c)
                    .map(FleetEvaluation::attackId).distinct().count();
            assertThat(attacks).as("%s attacks", c).isPositive();
            assertThat(peer.alerted(c)).as("%s attacks alerted", c).isEqualTo((int) attacks);
        }
        assertThat(peer.falseOnJoined()).as("false alerts on joined hosts: %s", peer.falseByProcess()).isZero();
        assertThat(peer.falsePerHostDay()).isLessThanOrEqualTo(0.03);
    }
}
