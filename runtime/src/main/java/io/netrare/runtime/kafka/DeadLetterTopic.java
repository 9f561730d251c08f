package io.netrare.runtime.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure a loop's dead-letter topic exists before the first dead letter needs it, creating it
 * with the cluster's default partitions and replication when missing (as Kafka Connect does for its
 * dead-letter queue). Without it, the first dead letter would block for {@code max.block.ms} and then
 * fail the loop. If the topic cannot be checked or created (ACLs), a warning says so and the loop goes on.
 */
final class DeadLetterTopic {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterTopic.class);

    private DeadLetterTopic() {
    }

    static void ensureExists(KafkaSettings kafka, String topic) {
        try (Admin admin = Admin.create(ClientConfigs.admin(kafka, "netrare-dlq-check"))) {
            try {
                admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                        .all().get(30, TimeUnit.SECONDS);
                LOG.info("created dead-letter topic {}", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("cannot check or create dead-letter topic {}: {}; dead letters will fail until it exists",
                    topic, e.toString());
        }
    }
}
