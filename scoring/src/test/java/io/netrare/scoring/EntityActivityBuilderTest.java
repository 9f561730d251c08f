package io.netrare.scoring;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class EntityActivityBuilderTest {

    @Test
    void keptInfluencerValuesAreTheSmallestWhateverTheOrder() {
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ips.add(String.format("10.0.%d.%d", i / 100, i % 100));
        }
        EntityActivityBuilder inOrder = build(ips);
        Collections.shuffle(ips, new Random(9));
        EntityActivityBuilder shuffled = build(ips);
        assertThat(shuffled.influencerValues()).isEqualTo(inOrder.influencerValues());
        assertThat(inOrder.influencerValues().get("destination.ip"))
                .hasSize(10).startsWith("10.0.0.0", "10.0.0.1", "10.0.0.10").isSorted();
        assertThat(inOrder.eventCount).isEqualTo(200);
        assertThat(inOrder.examples).hasSize(3);
    }

    @Test
    void examplesAreReadWholeAndOnlyTheyAre() {
        EntityActivityBuilder b = new EntityActivityBuilder();
        List<io.netrare.schema.NetworkEvent> whole = new ArrayList<>();
        int[] reads = {0};
        for (int i = 0; i < 50; i++) {
            io.netrare.schema.NetworkEvent e = Fleet.event(Instant.EPOCH.plusSeconds(i), "h1", "curl", "u", "10.0.0." + i);
            whole.add(e);
            // what the loop's reader gives: the counted fields only (here: no user, no destination)
            io.netrare.schema.NetworkEvent some = new io.netrare.schema.NetworkEvent(e.schemaVersion(), e.timestamp(),
                    e.host(), e.process(), null, null, null, null, null, e.count(), null);
            b.add(some, () -> {
                reads[0]++;
                return e;
            }, EntityActivityBuilder.Influencer.of(List.of("host.name")), 10, 3);
        }
        assertThat(reads[0]).isEqualTo(3);
        assertThat(b.examples).containsExactlyElementsOf(whole.subList(0, 3));
        assertThat(b.eventCount).isEqualTo(50);
        assertThat(b.influencerValues()).containsEntry("host.name", List.of("h1"));
    }

    private static EntityActivityBuilder build(List<String> ips) {
        EntityActivityBuilder b = new EntityActivityBuilder();
        for (String ip : ips) {
            b.add(Fleet.event(Instant.EPOCH, "h1", "curl", "u", ip),
                    EntityActivityBuilder.Influencer.of(List.of("destination.ip", "host.name")), 10, 3);
        }
        return b;
    }
}
