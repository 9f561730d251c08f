package io.netrare.ingest.service;

import io.netrare.ingest.IngestConfig;
import io.netrare.ingest.IngestPipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestMetricsTest {

    @Test
    void countsEveryOutcomeByReason() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestMetrics metrics = new IngestMetrics(registry);
        IngestPipeline p = new IngestPipeline(IngestConfig.defaults().withLimits(IngestConfig.defaults().limits().withMaxPast(null)),
                java.time.Clock.fixed(java.time.Instant.parse("2026-11-28T04:00:00Z"), java.time.ZoneOffset.UTC), "m", metrics);
        byte[] input = fixture("defend/linux-network.ndjson");
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

    @Test
    void aBatchCountsAsItsOutcomesOneByOne() {
        java.util.List<io.netrare.ingest.Outcome> outcomes = new java.util.ArrayList<>();
        IngestPipeline p = new IngestPipeline(IngestConfig.defaults().withLimits(IngestConfig.defaults().limits().withMaxPast(null)),
                java.time.Clock.fixed(java.time.Instant.parse("2026-11-28T04:00:00Z"), java.time.ZoneOffset.UTC), "m", outcomes::add);
        byte[] input = fixture("defend/linux-network.ndjson");
        p.line("garbage".getBytes(), 0, 7, 0, false);
        p.line(input, 0, input.length, 0, false); // four documents on one line: malformed JSON
        int start = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                p.line(input, start, i - start, start, false);
                start = i + 1;
            }
        }
        SimpleMeterRegistry single = new SimpleMeterRegistry();
        outcomes.forEach(new IngestMetrics(single));
        SimpleMeterRegistry batched = new SimpleMeterRegistry();
        new IngestMetrics(batched).accept(outcomes, o -> o);
        assertThat(outcomes).hasSize(6);
        for (io.micrometer.core.instrument.Meter m : single.getMeters()) {
            if (m instanceof io.micrometer.core.instrument.Counter c) {
                assertThat(batched.get(m.getId().getName()).tags(m.getId().getTags()).counter().count())
                        .as(m.getId().toString()).isEqualTo(c.count());
            }
        }
        assertThat(batched.get("netrare.ingest.records.read").counter().count()).isEqualTo(6);
        assertThat(batched.get("netrare.ingest.records.rejected").tag("reason", "malformed_json").counter().count()).isEqualTo(1);
    }

    private static byte[] fixture(String path) {
        try (java.io.InputStream in = IngestMetricsTest.class.getResourceAsStream("/" + path)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
