package io.netrare.runtime.kafka;

import io.netrare.schema.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates topics from the {@link Topics} catalogue: {@code cleanup.policy=compact} for compacted ones.
 * Existing topics are left as they are.
 */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /** Creates the given topics with {@code partitions} partitions and replication factor {@code replication}. */
    public static void create(KafkaSettings kafka, Collection<? extends Topics.TopicSpec<?>> specs, int partitions, short replication) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topics.TopicSpec<?> spec : specs) {
            NewTopic t = new NewTopic(spec.name(), partitions, replication);
            if (spec.compacted()) {
                t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(t);
        }
        createAll(kafka, topics);
    }

    /**
     * Creates the given topics with {@code partitions} partitions; a {@code replication} of -1 takes the
     * broker's {@code default.replication.factor}, and a {@code minInsyncReplicas} of -1 the broker's
     * {@code min.insync.replicas}.
     */
    public static void create(KafkaSettings kafka, Collection<? extends Topics.TopicSpec<?>> specs, int partitions, short replication,
                              int minInsyncReplicas) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topics.TopicSpec<?> spec : specs) {
            NewTopic t = new NewTopic(spec.name(), java.util.Optional.of(partitions),
                    replication < 0 ? java.util.Optional.empty() : java.util.Optional.of(replication));
            Map<String, String> configs = new java.util.HashMap<>();
            if (spec.compacted()) {
                configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            }
            if (minInsyncReplicas > 0) {
                configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
            }
            t.configs(configs);
            topics.add(t);
        }
        createAll(kafka, topics);
    }

    /** Creates plain topics by name (tests). */
    public static void createNamed(KafkaSettings kafka, Collection<String> names, int partitions) {
        createAll(kafka, names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList());
    }

    /** Every topic of the catalogue, replication factor 1 (single-broker setups). */
    public static void createAll(KafkaSettings kafka, int partitions) {
        create(kafka, kafka.topics().all(), partitions, (short) 1);
    }

    private static void createAll(KafkaSettings kafka, List<NewTopic> topics) {
        try (Admin admin = Admin.create(ClientConfigs.admin(kafka, "netrare-admin"))) {
            for (NewTopic t : topics) {
                try {
                    admin.createTopics(List.of(t)).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + t.name() + ": " + e.getCause(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics", e);
        }
    }
}
