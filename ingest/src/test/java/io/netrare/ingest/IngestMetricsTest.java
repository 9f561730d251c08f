package io.netrare.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestMetricsTest {

    @Test
    void countsEveryOutcomeByReason() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestMetrics metrics = new IngestMetrics(registry);
        IngestPipeline p = new IngestPipeline(Harness.replayConfig(), Harness.CLOCK, "m", metrics);
        byte[] input = Harness.fixture("defend/linux-network.ndjson");
        p.line("garbage".getBytes(), 0, 7, 0, false);
        int start = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                p.line(input, start, i - start, start, false);
                start = i + 1;
            }
        }
        p.finish();
        assertThat(registry.get("netrare.ingest.records.read").counter().count()).isEqualTo(5);
        assertThat(registry.get("netrare.ingest.events.emitted").counter().count()).isEqualTo(2);
        assertThat(registry.get("netrare.ingest.events.filtered").tag("reason", "not_linux").counter().count()).isEqualTo(1);
        assertThat(registry.get("netrare.ingest.events.filtered").tag("reason", "not_network_start").counter().count()).isEqualTo(1);
        assertThat(registry.get("netrare.ingest.records.rejected").tag("reason", "unknown_format").counter().count()).isEqualTo(1);
    }
}
