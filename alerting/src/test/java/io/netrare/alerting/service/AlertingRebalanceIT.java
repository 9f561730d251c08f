package io.netrare.alerting.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netrare.alerting.AlertIds;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaLoop;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.netrare.alerting.service.AnomalyRecords.JOB;
import static io.netrare.alerting.service.AnomalyRecords.RULE;
import static io.netrare.alerting.service.AnomalyRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exact dedup with two alerting instances: B joins (partitions move to it), raises alerts, then leaves in the
 * middle of the stream while renormalized updates of its records are on their way (the partitions return to
 * A). Every anomaly over the threshold alerts exactly once: A reads the state of a returning partition again,
 * so it knows what B raised there.
 */
class AlertingRebalanceIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final int PARTITIONS = 4;

    @Test
    void everyAnomalyOverTheThresholdAlertsOnceAcrossARebalance() throws Exception {
        String prefix = KAFKA.uniqueTopic("rb");
        KafkaSettings kafkaA = KAFKA.settings("alerting-a").withTopicPrefix(prefix);
        KafkaSettings kafkaB = KAFKA.settings("alerting-b").withTopicPrefix(prefix);
        TopicAdmin.createAll(kafkaA, PARTITIONS);
        String anomalies = kafkaA.topics().anomalies().name();
        String alerts = kafkaA.topics().alerts().name();
        List<String> first = idsPerPartition("first", 2);
        List<String> second = idsPerPartition("second", 2);
        List<String> sentinels = idsPerPartition("last", 1);

        try (RunningService<AlertingConfig> a = AlertingMain.runner().start(config(kafkaA))) {
            produce(anomalies, first, 1, 80);
            await().atMost(Duration.ofSeconds(60)).until(() -> raised(a.registry()) == first.size());

            RunningService<AlertingConfig> b = AlertingMain.runner().start(config(kafkaB));
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> b.injector().getInstance(KafkaLoop.class).assigned());
                produce(anomalies, second, 1, 80);
                await().atMost(Duration.ofSeconds(60)).until(() -> raised(a.registry()) + raised(b.registry())
                        == first.size() + second.size());
                assertThat(raised(b.registry())).as("alerts raised by B").isPositive();

                List<String> all = new ArrayList<>(first);
                all.addAll(second);
                produce(anomalies, all, 2, 85);   // renormalized updates: all duplicates
            } finally {
                b.close();                        // B leaves while the updates are processed
            }
            List<String> all = new ArrayList<>(first);
            all.addAll(second);
            produce(anomalies, all, 3, 95);       // more updates, now all on A
            produce(anomalies, sentinels, 1, 70);
            awaitAllConsumed(kafkaA, anomalies, prefix + ".alerting");

            List<ConsumerRecord<byte[], byte[]>> out = KAFKA.readCommitted(alerts, 20, Duration.ofSeconds(60));
            List<String> ids = out.stream().map(r -> Json.read(r.value(), Alert.class).alertId()).toList();
            List<String> records = new ArrayList<>(all);
            records.addAll(sentinels);
            Set<String> expected = records.stream().map(id -> AlertIds.of(RULE, JOB, id)).collect(Collectors.toSet());
            assertThat(ids).hasSize(expected.size());
            assertThat(Set.copyOf(ids)).isEqualTo(expected);
        }
    }

    private static AlertingConfig config(KafkaSettings kafka) {
        return AlertingConfig.defaults().withKafka(kafka).withMetrics(MetricsSettings.localFreePort());
    }

    private static double raised(MeterRegistry registry) {
        return registry.find("netrare.alerting.alerts").counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Waits until the group has committed every anomalies partition to its end. */
    private static void awaitAllConsumed(KafkaSettings kafka, String topic, String group) {
        try (Admin admin = Admin.create(ClientConfigs.admin(kafka, "rebalance-it"))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
                var ends = admin.listOffsets(latest).all().get();
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue().offset());
            });
        }
    }

    /** Record ids whose anomaly keys fall on each partition {@code perPartition} times, so every partition moves. */
    private static List<String> idsPerPartition(String prefix, int perPartition) {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        for (int i = 0; byPartition.values().stream().mapToInt(List::size).sum() < PARTITIONS * perPartition; i++) {
            String id = prefix + "-" + i;
            int partition = Utils.toPositive(Utils.murmur2((JOB + "/" + id).getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            List<String> ids = byPartition.computeIfAbsent(partition, p -> new ArrayList<>());
            if (ids.size() < perPartition) {
                ids.add(id);
            }
        }
        return byPartition.values().stream().flatMap(List::stream).toList();
    }

    private static void produce(String topic, List<String> ids, long version, double score) {
        AnomalyRecords.produce(KAFKA, topic, ids.stream().map(id -> record(id, version, score, false)).toList());
    }
}
