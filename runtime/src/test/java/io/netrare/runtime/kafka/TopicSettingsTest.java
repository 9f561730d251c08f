package io.netrare.runtime.kafka;

import io.netrare.runtime.config.ConfigException;
import io.netrare.runtime.config.ConfigLoader;
import io.netrare.schema.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TopicSettingsTest {

    record Sample(TopicSettings topics) {
        static Sample defaults() {
            return new Sample(TopicSettings.defaults());
        }
    }

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void defaultsPlanEveryTopicWithItsDocumentedLayout() {
        Map<String, NewTopic> plan = TopicAdmin.plan(new Topics("p"), loader.load("", "t", Sample.class).topics()).stream()
                .collect(Collectors.toMap(NewTopic::name, Function.identity()));
        assertThat(plan).containsOnlyKeys("p.raw", "p.events", "p.events.late", "p.models", "p.anomalies", "p.alerts",
                "p.alerting.state", "p.ingest.checkpoints", "p.scoring.snapshots", "p.dlq.ingest", "p.dlq.model", "p.dlq.scoring", "p.dlq.alerting");
        assertThat(plan.get("p.events").numPartitions()).isEqualTo(4);
        assertThat(plan.get("p.events").replicationFactor()).isEqualTo((short) 3);
        assertThat(plan.get("p.events").configs()).containsEntry("retention.ms", "604800000")
                .containsEntry("min.insync.replicas", "2");
        assertThat(plan.get("p.models").numPartitions()).isEqualTo(1);
        assertThat(plan.get("p.models").configs()).containsEntry("cleanup.policy", "compact").containsEntry("retention.ms", "-1");
        assertThat(plan.get("p.alerting.state").numPartitions()).as("partitioned like the anomalies").isEqualTo(4);
        assertThat(plan.get("p.ingest.checkpoints").numPartitions()).isEqualTo(1);
        assertThat(plan.get("p.scoring.snapshots").numPartitions()).isEqualTo(1);
        assertThat(plan.get("p.scoring.snapshots").configs()).containsEntry("cleanup.policy", "compact")
                .containsEntry("retention.ms", "-1");
        assertThat(plan.get("p.dlq.scoring").numPartitions()).isEqualTo(1);
    }

    @Test
    void mapsEveryKey() {
        TopicSettings t = loader.load("""
                topics:
                  partitions: 12
                  replication_factor: 2
                  min_insync_replicas: 1
                  topic_partitions: {models: 2}
                  retention: {events: 3d}
                """, "t", Sample.class).topics();
        assertThat(t).isEqualTo(new TopicSettings(12, 2, 1, Map.of("models", 2), Map.of("events", Duration.ofDays(3))));
        assertThat(t.partitionsOf("dlq")).isEqualTo(12);
        assertThat(TopicSettings.local(3).partitionsOf("ingest.checkpoints")).isEqualTo(1);
    }

    @Test
    void rejectsImpossibleLayouts() {
        for (String yaml : new String[] {
                "topics: {partitions: 0}",
                "topics: {replication_factor: 2, min_insync_replicas: 3}",
                "topics: {topic_partitions: {evnts: 2}}",
                "topics: {retention: {models: 1d}}",
                "topics: {retention: {events: 0s}}"}) {
            ConfigException e = catchThrowableOfType(() -> loader.load(yaml, "t", Sample.class), ConfigException.class);
            assertThat(e).as(yaml).isNotNull();
            assertThat(e.problems()).as(yaml).hasSize(1);
        }
        assertThat(catchThrowableOfType(() -> loader.load("topics: {topic_partitions: {evnts: 2}}", "t", Sample.class),
                ConfigException.class)).hasMessageContaining("unknown topic; one of alerting.state, alerts");
    }
}
