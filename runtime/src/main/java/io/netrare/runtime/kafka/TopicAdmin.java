package io.netrare.runtime.kafka;

import io.netrare.schema.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates topics from the {@link Topics} catalogue. Topics are described first and only the missing ones are
 * created, so a principal without CREATE rights runs fine once the topics exist ({@code netrare topics create});
 * existing topics are left as they are. A refusal names the missing right ({@link AccessDeniedException}).
 */
public final class TopicAdmin {

    /**
     * {@code segment.ms} of compacted topics: the cleaner never touches the active segment, so with the broker's default
     * (7 days) what tombstones delete would stay on disk, and be read at every restart, for a week.
     */
    static final String COMPACTED_SEGMENT_MS = Long.toString(java.time.Duration.ofHours(1).toMillis());

    private TopicAdmin() {
    }

    /**
     * The topics of a deployment as {@code settings} lays them out: every topic of the catalogue, the alerting
     * state, ingest checkpoints and scoring snapshots included, with partitions, replication, {@code min.insync.replicas},
     * {@code cleanup.policy} and {@code retention.ms}.
     */
    public static List<NewTopic> plan(Topics topics, TopicSettings settings) {
        Map<String, Topics.TopicSpec> byShortName = new LinkedHashMap<>();
        byShortName.put("raw", topics.raw());
        byShortName.put("events", topics.events());
        byShortName.put("events.late", topics.lateEvents());
        byShortName.put("models", topics.models());
        byShortName.put("anomalies", topics.anomalies());
        byShortName.put("alerts", topics.alerts());
        byShortName.put("alerting.state", topics.alertingState());
        byShortName.put("ingest.checkpoints", topics.ingestCheckpoints());
        byShortName.put("scoring.snapshots", topics.scoringSnapshots());
        for (String service : List.of("ingest", "model", "scoring", "alerting")) {
            byShortName.put("dlq:" + service, topics.deadLetters(service));
        }
        List<NewTopic> out = new ArrayList<>();
        byShortName.forEach((key, spec) -> {
            String shortName = key.startsWith("dlq:") ? "dlq" : key;
            Map<String, String> configs = new LinkedHashMap<>();
            if (spec.compacted()) {
                configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
                configs.put(TopicConfig.SEGMENT_MS_CONFIG, COMPACTED_SEGMENT_MS);
            } else if (settings.retention().containsKey(shortName)) {
                configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.retention().get(shortName).toMillis()));
            }
            if (settings.replicationFactor() > 1) {
                configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
            }
            out.add(new NewTopic(spec.name(), settings.partitionsOf(shortName), (short) settings.replicationFactor())
                    .configs(configs));
        });
        return out;
    }

    /** Creates the given topics with {@code partitions} partitions and replication factor {@code replication}. */
    public static void create(KafkaSettings kafka, Collection<? extends Topics.TopicSpec<?>> specs, int partitions, short replication) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topics.TopicSpec<?> spec : specs) {
            NewTopic t = new NewTopic(spec.name(), partitions, replication);
            if (spec.compacted()) {
                t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.SEGMENT_MS_CONFIG, COMPACTED_SEGMENT_MS));
            }
            topics.add(t);
        }
        ensure(kafka, topics);
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
                configs.put(TopicConfig.SEGMENT_MS_CONFIG, COMPACTED_SEGMENT_MS);
            }
            if (minInsyncReplicas > 0) {
                configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
            }
            t.configs(configs);
            topics.add(t);
        }
        ensure(kafka, topics);
    }

    /** True when the topic exists (needs DESCRIBE on it); never creates it, unlike a consumer's metadata request. */
    public static boolean exists(KafkaSettings kafka, String topic) {
        try (Admin admin = Admin.create(ClientConfigs.admin(kafka, "netrare-admin"))) {
            admin.describeTopics(List.of(topic)).topicNameValues().get(topic).get(60, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw fail(kafka, KafkaAccess.Use.DESCRIBE, topic, "cannot describe topic ", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topic, e);
        } catch (TimeoutException e) {
            throw new BrokerOutage.RestoreTimeoutException("could not describe " + topic + " within 60s");
        }
    }

    /** Creates plain topics by name (tests). */
    public static void createNamed(KafkaSettings kafka, Collection<String> names, int partitions) {
        ensure(kafka, names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList());
    }

    /** Every topic of the catalogue, replication factor 1 (single-broker setups). */
    public static void createAll(KafkaSettings kafka, int partitions) {
        create(kafka, kafka.topics().all(), partitions, (short) 1);
    }

    /**
     * Creates those of {@code topics} that do not exist yet; returns the names it created. Needs DESCRIBE on
     * every topic, and CREATE only for missing ones.
     */
    public static List<String> ensure(KafkaSettings kafka, List<NewTopic> topics) {
        try (Admin admin = Admin.create(ClientConfigs.admin(kafka, "netrare-admin"))) {
            return ensure(admin, kafka, topics);
        }
    }

    /** {@link #ensure(KafkaSettings, List)} with a given admin client. */
    public static List<String> ensure(Admin admin, KafkaSettings kafka, List<NewTopic> topics) {
        List<String> created = new ArrayList<>();
        try {
            Map<String, KafkaFuture<org.apache.kafka.clients.admin.TopicDescription>> described =
                    admin.describeTopics(topics.stream().map(NewTopic::name).toList()).topicNameValues();
            for (NewTopic t : topics) {
                try {
                    described.get(t.name()).get(60, TimeUnit.SECONDS);
                    continue;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw fail(kafka, KafkaAccess.Use.DESCRIBE, t.name(), "cannot describe topic ", e.getCause());
                    }
                }
                try {
                    admin.createTopics(List.of(t)).all().get(60, TimeUnit.SECONDS);
                    created.add(t.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw fail(kafka, KafkaAccess.Use.CREATE, t.name(), "cannot create topic ", e.getCause());
                    }
                }
            }
            awaitVisible(admin, created);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics", e);
        }
    }

    /** A new topic reaches the brokers' metadata shortly after the controller accepts it; callers use it at once. */
    private static void awaitVisible(Admin admin, List<String> names) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> pending = new ArrayList<>(names);
        while (!pending.isEmpty()) {
            Map<String, KafkaFuture<org.apache.kafka.clients.admin.TopicDescription>> described =
                    admin.describeTopics(pending).topicNameValues();
            pending.removeIf(name -> {
                try {
                    described.get(name).get(30, TimeUnit.SECONDS);
                    return true;
                } catch (Exception notYet) {
                    return false;
                }
            });
            if (!pending.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("topics created but not visible after 30 s: " + pending);
                }
                Thread.sleep(50);
            }
        }
    }

    private static RuntimeException fail(KafkaSettings kafka, KafkaAccess.Use use, String topic, String what, Throwable cause) {
        return KafkaAccess.explain(cause, kafka, use, null, List.of(topic)).<RuntimeException>map(a -> a)
                .orElseGet(() -> new IllegalStateException(what + topic + ": " + cause, cause));
    }
}
