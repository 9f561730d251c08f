package io.netrare.scoring.service;

import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.scoring.stream.ScoredPosition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The last bucket the scoring group has scored in every events partition: the lowest {@code scored=} of the
 * group's committed positions, read from the group coordinator. Commits only move forward, so a partition
 * this instance is assigned later resumes at or after it. Empty when a partition has no scored bucket yet or
 * the brokers cannot be asked (an instance that owns no partition then simply waits for the next look).
 */
final class ScoredEverywhere implements Supplier<OptionalLong> {

    private static final Logger LOG = LoggerFactory.getLogger(ScoredEverywhere.class);
    private static final int TIMEOUT_MS = 5_000;

    private final KafkaSettings kafka;
    private final String group;
    private final String eventsTopic;

    ScoredEverywhere(KafkaSettings kafka, String group, String eventsTopic) {
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.group = requireNonNull(group, "group is null");
        this.eventsTopic = requireNonNull(eventsTopic, "eventsTopic is null");
    }

    @Override
    public OptionalLong get() {
        // runs on the loop's thread: every call is bounded, also the close, so an outage holds the loop seconds only
        Admin admin = Admin.create(ClientConfigs.admin(kafka, "netrare-scoring-scored-" + kafka.effectiveInstanceId()));
        try {
            int partitions = admin.describeTopics(List.of(eventsTopic), new DescribeTopicsOptions().timeoutMs(TIMEOUT_MS))
                    .allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(eventsTopic).partitions().size();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group,
                            new ListConsumerGroupOffsetsOptions().timeoutMs(TIMEOUT_MS))
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return lowest(partitions, committed, eventsTopic);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("cannot read the scored buckets of group {}: {}", group, e.toString());
            return OptionalLong.empty();
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    /** The lowest scored bucket over every partition of {@code topic}, or empty when one has none. */
    static OptionalLong lowest(int partitions, Map<TopicPartition, OffsetAndMetadata> committed, String topic) {
        long lowest = Long.MAX_VALUE;
        for (int p = 0; p < partitions; p++) {
            OffsetAndMetadata c = committed.get(new TopicPartition(topic, p));
            long scored = c == null ? Long.MIN_VALUE : ScoredPosition.parse(c.metadata()).scoredUpTo();
            if (scored == Long.MIN_VALUE) {
                return OptionalLong.empty();
            }
            lowest = Math.min(lowest, scored);
        }
        return partitions == 0 ? OptionalLong.empty() : OptionalLong.of(lowest);
    }
}
