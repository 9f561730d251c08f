package io.netrare.runtime.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Makes sure a loop's dead-letter topic exists before the first dead letter needs it, creating it
 * with the cluster's default partitions and replication when missing (as Kafka Connect does for its
 * dead-letter queue). Without it, the first dead letter would block for {@code max.block.ms} and then
 * fail the loop. An existing topic needs only DESCRIBE; if the topic cannot be checked or created (ACLs),
 * a warning names the missing right and the loop goes on.
 */
final class DeadLetterTopic {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterTopic.class);

    private DeadLetterTopic() {
    }

    static void ensureExists(KafkaSettings kafka, String topic) {
        try {
            if (!TopicAdmin.ensure(kafka, List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).isEmpty()) {
                LOG.info("created dead-letter topic {}", topic);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot check or create dead-letter topic {}: {}; dead letters will fail until it exists",
                    topic, e.getMessage());
        }
    }
}
