package io.netrare.scoring.service;

import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.scoring.stream.ScoredPosition;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** What the scoring group has scored in every events partition, read from the group's commits on a real broker. */
class ScoredEverywhereIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void theLowestScoredBucketOnceEveryPartitionHasOne() {
        KafkaSettings kafka = KAFKA.settings("scored-everywhere").withTopicPrefix(KAFKA.uniqueTopic("scored"));
        TopicAdmin.createAll(kafka, 3);
        String events = kafka.topics().events().name();
        String group = kafka.topicPrefix() + ".scoring";
        ScoredEverywhere scored = new ScoredEverywhere(kafka, group, events);
        assertThat(scored.get()).as("no commit yet").isEmpty();

        commit(kafka, group, Map.of(new TopicPartition(events, 0), new OffsetAndMetadata(10, new ScoredPosition(9_000, 10).encode()),
                new TopicPartition(events, 1), new OffsetAndMetadata(4, new ScoredPosition(7_200, 4).encode())));
        assertThat(scored.get()).as("partition 2 has scored nothing").isEmpty();

        commit(kafka, group, Map.of(new TopicPartition(events, 2), new OffsetAndMetadata(8, new ScoredPosition(8_100, 8).encode())));
        assertThat(scored.get()).isEqualTo(OptionalLong.of(7_200));
    }

    private static void commit(KafkaSettings kafka, String group, Map<TopicPartition, OffsetAndMetadata> offsets) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientConfigs.consumer(kafka, "scored-it", group, 100))) {
            consumer.assign(List.copyOf(offsets.keySet()));
            consumer.commitSync(offsets);
        }
    }
}
