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

    private static EntityActivityBuilder build(List<String> ips) {
        EntityActivityBuilder b = new EntityActivityBuilder();
        for (String ip : ips) {
            b.add(Fleet.event(Instant.EPOCH, "h1", "curl", "u", ip),
                    EntityActivityBuilder.Influencer.of(List.of("destination.ip", "host.name")), 10, 3);
        }
        return b;
    }
}
