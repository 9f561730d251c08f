package io.netrare.scoring.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.netrare.models.peer.PeerRareProvider;
import io.netrare.models.rare.RarityProvider;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.scoring.EngineConfig;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo's fleet (12 hosts, 3 days, seed 42) as {@code netrare demo} scores it, its two history days as warm-up:
 * with either model, no alert that is not an attack; {@code rare} alerts the 5 attacks a fleet-wide model can see,
 * {@code peer_rare} all 8. The periodic system jobs (upgrade timers with a randomized delay, an occasional package
 * tool every host of a small role runs) reach their second and third runs on the third day.
 */
class DemoFleetTest {

    private static final FleetSimulator SIM = new FleetSimulator(FleetSpec.demo());
    private static final List<NetworkEvent> EVENTS = SIM.datafeedEvents().toList();

    private static FleetEvaluation.Outcome score(String name, ModelProvider provider) {
        return FleetEvaluation.engine(name, JobSpec.anchorDefault(), provider, EVENTS, SIM.attacks(), SIM.joinedHosts().keySet(),
                SIM.hostDays(), EngineConfig.defaults().withWarmUp(Duration.ofDays(SIM.spec().historyDays())));
    }

    @Test
    void rareAlertsTheFleetRareAttacksAndNothingElse() {
        FleetEvaluation.Outcome rare = score("rare", new RarityProvider());
        assertThat(rare.falseByProcess()).isEmpty();
        assertThat(rare.alerted(FleetEvaluation.AttackClass.FLEET_RARE)).isEqualTo(5);
    }

    @Test
    void peerRareAlertsEveryAttackAndNothingElse() {
        FleetEvaluation.Outcome peer = score("peer_rare", new PeerRareProvider());
        assertThat(peer.falseByProcess()).as("false alerts by process").isEmpty();
        assertThat(peer.alerted(FleetEvaluation.AttackClass.FLEET_RARE)).isEqualTo(5);
        assertThat(peer.alerted(FleetEvaluation.AttackClass.HOST_ONLY)).isEqualTo(3);
    }
}
