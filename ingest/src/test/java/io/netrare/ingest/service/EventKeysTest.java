package io.netrare.ingest.service;

import io.netrare.ingest.IngestConfig;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The table of keys gives what the job's entity key gives, whatever entities come and go. */
class EventKeysTest {

    private static NetworkEvent event(String host, String process) {
        return new NetworkEvent(NetworkEvent.SCHEMA_VERSION, Instant.parse("2026-11-20T10:00:00Z"),
                new NetworkEvent.Host(host, null, null), new NetworkEvent.Process(process, null, null, null),
                null, null, null, null, null, 1, null);
    }

    private static void agreesWithTheJob(JobSpec job) {
        IngestConfig d = IngestConfig.defaults();
        EventKeys keys = new EventKeys(new IngestConfig(d.format(), d.limits(), d.audit(), d.filter(), job));
        Random r = new Random(7);
        List<NetworkEvent> events = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            // values seen again (new instances or the same), absent and empty ones, more entities than slots
            String host = r.nextInt(50) == 0 ? null : r.nextInt(50) == 0 ? "" : "host-" + r.nextInt(300);
            String process = r.nextInt(50) == 0 ? null : r.nextInt(50) == 0 ? "" : "proc-" + r.nextInt(200) + "\u00e9";
            events.add(event(host, process));
        }
        for (int pass = 0; pass < 2; pass++) {
            for (NetworkEvent e : events) {
                EntityKey expected = job.entityKey(e);
                byte[] key = keys.of(e);
                if (expected == null) {
                    assertThat(key).isNull();
                } else {
                    assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo(expected.kafkaKey());
                }
            }
        }
    }

    @Test
    void withoutAPartitionField() {
        agreesWithTheJob(JobSpec.anchorDefault());
    }

    @Test
    void withAPartitionField() {
        agreesWithTheJob(new JobSpec("j", Duration.ofMinutes(15), "rare", "process.name", "host.name", List.of()));
    }

    @Test
    void theSameEntityGetsTheSameBytes() {
        EventKeys keys = new EventKeys(IngestConfig.defaults());
        byte[] first = keys.of(event("h", "curl"));
        assertThat(keys.of(event("h", new String("curl")))).isSameAs(first);
    }
}
