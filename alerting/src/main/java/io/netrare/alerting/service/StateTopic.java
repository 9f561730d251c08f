package io.netrare.alerting.service;

import io.netrare.runtime.kafka.BrokerOutage;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.schema.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Creates the compacted alerting state topic with as many partitions as the anomalies topic, so that
 * state entries can sit in the partition of the anomaly they come from: an instance restores exactly
 * the partitions it is assigned.
 */
public final class StateTopic {

    private StateTopic() {
    }

    /** Creates the state topic when missing; the anomalies topic must exist (the loop waits for it first). */
    public static void ensure(KafkaSettings kafka, Topics topics) {
        String anomalies = topics.anomalies().name();
        String state = topics.alertingState().name();
        try (Admin admin = Admin.create(ClientConfigs.admin(kafka, "netrare-alerting-admin"))) {
            Set<String> names = admin.listTopics().names().get();
            if (names.contains(state)) {
                return;
            }
            if (!names.contains(anomalies)) {
                throw new IllegalStateException("topic " + anomalies + " does not exist; create the topics first");
            }
            int partitions = admin.describeTopics(List.of(anomalies)).allTopicNames().get().get(anomalies).partitions().size();
            short replication = (short) Math.min(3, admin.describeCluster().nodes().get().size());
            NewTopic topic = new NewTopic(state, partitions, replication)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.KafkaException r && BrokerOutage.isOutage(r)) {
                throw r; // the loop retries through outages
            }
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the alerting state topic: " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the alerting state topic", e);
        }
    }
}
