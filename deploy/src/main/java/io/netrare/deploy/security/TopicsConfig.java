package io.netrare.deploy.security;

import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicSettings;

import static java.util.Objects.requireNonNull;

/**
 * What {@code netrare topics create} reads: how to reach Kafka as an administrator ({@code kafka}, the same
 * section every service has) and how to lay out the topics ({@code topics}).
 */
public record TopicsConfig(KafkaSettings kafka, TopicSettings topics) {

    public TopicsConfig {
        requireNonNull(kafka, "kafka is null");
        requireNonNull(topics, "topics is null");
    }

    public static TopicsConfig defaults() {
        return new TopicsConfig(KafkaSettings.defaults(), TopicSettings.defaults());
    }
}
