package io.netrare.alerting.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netrare.alerting.AlertIds;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.runtime.testing.MutableClock;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.netrare.alerting.service.AnomalyRecords.JOB;
import static io.netrare.alerting.service.AnomalyRecords.RULE;
import static io.netrare.alerting.service.AnomalyRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alert ids past {@code dedup.horizon} are forgotten with a tombstone on the state topic, written by the running
 * service; a restarted service restores without them and still deduplicates the live ones.
 */
class AlertingDedupHorizonIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Duration HORIZON = Duration.ofHours(1);

    @Test
    void expiredIdsAreTombstonedAndStayForgottenAcrossARestart() throws Exception {
        KafkaSettings kafka = KAFKA.settings("alerting-horizon").withTopicPrefix(KAFKA.uniqueTopic("horizon"));
        TopicAdmin.createAll(kafka, 1);
        String anomalies = kafka.topics().anomalies().name();
        String state = kafka.topics().alertingState().name();
        String oldId = AlertIds.of(RULE, JOB, "old");
        String liveId = AlertIds.of(RULE, JOB, "live");
        MutableClock clock = new MutableClock(Instant.now());
        AlertingConfig config = AlertingConfig.defaults().withKafka(kafka).withMetrics(MetricsSettings.localFreePort())
                .withDedup(new DedupConfig(HORIZON));

        try (RunningService<AlertingConfig> first = AlertingMain.runner().withClock(clock).start(config)) {
            AnomalyRecords.produce(KAFKA, anomalies, List.of(record("old")));
            await().atMost(Duration.ofSeconds(60)).until(() -> count(first.registry(), "netrare.alerting.alerts") == 1);
            clock.advance(Duration.ofMinutes(40));
            AnomalyRecords.produce(KAFKA, anomalies, List.of(record("live")));
            await().atMost(Duration.ofSeconds(60)).until(() -> count(first.registry(), "netrare.alerting.alerts") == 2);
            assertThat(entries(first.registry())).isEqualTo(2);

            clock.advance(Duration.ofMinutes(30)); // "old" was first alerted 70 minutes ago, "live" 30
            await().atMost(Duration.ofSeconds(60)).until(() -> count(first.registry(), "netrare.alerting.dedup.expired") == 1);
            assertThat(entries(first.registry())).isEqualTo(1);
            assertThat(first.failure()).isEmpty();
        }

        List<ConsumerRecord<byte[], byte[]>> entries = KAFKA.readCommitted(state, 3, Duration.ofSeconds(60));
        assertThat(entries).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly(oldId, liveId, oldId);
        assertThat(entries.get(2).value()).as("the tombstone of the expired id").isNull();
        assertThat(entries.get(1).value()).isNotNull();

        try (RunningService<AlertingConfig> restarted = AlertingMain.runner().withClock(clock)
                .start(config.withMetrics(MetricsSettings.localFreePort()))) {
            // a renormalized version of the live record is a duplicate; one of the expired record alerts again
            AnomalyRecords.produce(KAFKA, anomalies, List.of(record("live", 2, 95, false), record("old", 3, 95, false)));
            await().atMost(Duration.ofSeconds(60)).until(() -> count(restarted.registry(), "netrare.alerting.alerts") == 1);
            assertThat(count(restarted.registry(), "netrare.alerting.duplicates")).isEqualTo(1);
            assertThat(entries(restarted.registry())).isEqualTo(2);
        }
        List<ConsumerRecord<byte[], byte[]>> alerts = KAFKA.readCommitted(kafka.topics().alerts().name(), 3, Duration.ofSeconds(60));
        assertThat(alerts).extracting(r -> Json.read(r.value(), Alert.class).anomaly().recordId())
                .containsExactly("old", "live", "old");
    }

    private static double count(MeterRegistry registry, String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static double entries(MeterRegistry registry) {
        Gauge gauge = registry.find("netrare.alerting.dedup.entries").gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
