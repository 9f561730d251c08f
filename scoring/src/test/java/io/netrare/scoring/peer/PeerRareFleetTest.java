package io.netrare.scoring.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netrare.simulator.Label;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's acceptance on the default fleet (30 hosts, 6 days, seed 42): peer_rare alerts on every attack rare
 * alerts on and on every host-only attack, with at most half the false alerts per host-day of rare and at most a
 * quarter of rare partitioned by host.
 */
class PeerRareFleetTest {

    @Test
    void peerRareBeatsBothElasticConfigurationsOnTheDefaultFleet() {
        ModelComparison.Fleet fleet = ModelComparison.run(42);
        ModelComparison.Outcome rare = fleet.outcomes().get("rare");
        ModelComparison.Outcome byHost = fleet.outcomes().get("rare by host");
        ModelComparison.Outcome peer = fleet.outcomes().get("peer_rare");

        assertThat(rare.attacksAlerted()).as("rare finds the fleet-rare attacks").isNotEmpty();
        assertThat(peer.attacksAlerted()).containsAll(rare.attacksAlerted());
        assertThat(fleet.attacks().stream().filter(a -> !"fleet_rare".equals(a.visibleTo())).map(Label::id).toList())
                .as("host-only attacks").isNotEmpty().allMatch(peer.attacksAlerted()::contains);
        assertThat(peer.falsePerHostDay()).isLessThanOrEqualTo(rare.falsePerHostDay() / 2);
        assertThat(peer.falsePerHostDay()).isLessThanOrEqualTo(byHost.falsePerHostDay() / 4);
        assertThat(byHost.falseAlerts()).as("the per-host baseline is noisy, as its users found").isGreaterThan(rare.falseAlerts());
    }
}
