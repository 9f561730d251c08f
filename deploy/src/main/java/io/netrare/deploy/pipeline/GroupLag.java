package io.netrare.deploy.pipeline;

import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How far consumer groups trail their input topics. The training and scoring services commit only up to the
 * first event of a bucket still open, so a lag of zero on the events topic means every bucket is closed
 * (training) or scored (scoring): the pipeline is done with its input.
 */
final class GroupLag implements AutoCloseable {

    private final Admin admin;

    GroupLag(KafkaSettings kafka) {
        this.admin = Admin.create(ClientConfigs.admin(kafka, "netrare-lag"));
    }

    /** Messages the group has not committed past, over every partition of the topic (end offsets, read_committed). */
    long lag(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            ListOffsetsResult ends = admin.listOffsets(request,
                    new org.apache.kafka.clients.admin.ListOffsetsOptions(org.apache.kafka.common.IsolationLevel.READ_COMMITTED));
            long lag = 0;
            for (TopicPartition tp : request.keySet()) {
                long end = ends.partitionResult(tp).get(10, TimeUnit.SECONDS).offset();
                OffsetAndMetadata c = committed.get(tp);
                lag += end - (c == null ? 0 : c.offset());
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the lag of " + group + " on " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
