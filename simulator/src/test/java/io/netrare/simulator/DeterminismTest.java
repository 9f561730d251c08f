package io.netrare.simulator;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class DeterminismTest {

    private static final FleetSpec SMALL = FleetSpec.demo().withDays(2).withHistoryDays(1);

    private static String ecs(FleetSpec spec) {
        StringWriter out = new StringWriter();
        new FleetSimulator(spec).writeEcs(out);
        return out.toString();
    }

    private static String labels(FleetSpec spec) {
        StringWriter out = new StringWriter();
        new FleetSimulator(spec).writeLabels(out);
        return out.toString();
    }

    @Test
    void sameSpecGivesTheSameBytes() {
        String first = ecs(SMALL.withSeed(7));
        assertThat(first).isNotEmpty();
        assertThat(ecs(SMALL.withSeed(7))).isEqualTo(first);
        assertThat(labels(SMALL.withSeed(7))).isEqualTo(labels(SMALL.withSeed(7)));
    }

    @Test
    void anotherSeedGivesOtherBytesAndOtherAttackPlacement() {
        assertThat(ecs(SMALL.withSeed(8))).isNotEqualTo(ecs(SMALL.withSeed(7)));
        assertThat(new FleetSimulator(SMALL.withSeed(8)).attacks())
                .isNotEqualTo(new FleetSimulator(SMALL.withSeed(7)).attacks());
    }

    @Test
    void eventsStreamIsRepeatable() {
        FleetSimulator sim = new FleetSimulator(SMALL.withSeed(3));
        assertThat(sim.events().limit(2_000).toList()).isEqualTo(sim.events().limit(2_000).toList());
    }

    @Test
    void shapeChangesTheDocumentsButNotTheTimesOrHosts() {
        FleetSimulator sim = new FleetSimulator(SMALL);
        StringWriter defend = new StringWriter();
        StringWriter auditbeat = new StringWriter();
        SimulationSummary d = sim.writeEcs(defend, Shape.DEFEND);
        SimulationSummary a = sim.writeEcs(auditbeat, Shape.AUDITBEAT);
        assertThat(d.auditbeatEvents()).isZero();
        assertThat(a.defendEvents()).isZero();
        // Apart from the agents' own traffic and Defend's disconnects, both shapes carry the same connections.
        assertThat(d.events() - d.filterBait().get("not_network_start") - d.filterBait().get("elastic_agent"))
                .isEqualTo(a.events() - a.filterBait().get("elastic_agent"));
        assertThat(new FleetSimulator(SMALL.withShape(Shape.DEFEND)).attacks())
                .extracting(Label::first).isEqualTo(new FleetSimulator(SMALL.withShape(Shape.AUDITBEAT)).attacks()
                        .stream().map(Label::first).toList());
    }
}
