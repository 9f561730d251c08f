package io.netrare.alerting.service;

import io.netrare.alerting.AlertEngine;
import io.netrare.alerting.AlertState;
import io.netrare.alerting.Decision;
import io.netrare.alerting.PartitionedDedupStore;
import io.netrare.alerting.rules.RuleLoader;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.PoisonRecords;
import io.netrare.runtime.kafka.Output;
import io.netrare.runtime.kafka.RecordProcessor;
import io.netrare.runtime.kafka.TopicReader;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import io.netrare.schema.Topics;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * anomalies -> alerts, exactly once. Each decision's alert goes to the alerts topic and its state entry
 * to the state topic, in the partition of the anomaly, in the loop's transaction with the input offsets.
 * Every time a partition is assigned, its state is read back (read_committed) before any record of it is
 * processed, and a revoked partition's ids are dropped: so replays, restarts and a partition that returns
 * after another instance owned it find every alert id raised before, by any instance.
 * Once a minute (the injected clock) the ids first alerted longer than {@code dedup.horizon} ago are forgotten
 * and their state entries tombstoned, in the loop's transaction: a restart does not bring them back.
 */
public final class AlertingProcessor implements RecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(AlertingProcessor.class);
    /** How often expired ids are swept: each sweep costs the ids it expires, so it may run often. */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final KafkaSettings kafka;
    private final Topics topics;
    private final AlertEngine engine;
    private final PartitionedDedupStore dedup = new PartitionedDedupStore();
    private final Set<Integer> restored = new HashSet<>();
    private final PoisonRecords poison;
    private final AlertingMetrics metrics;
    private final Duration horizon;
    private Instant nextSweep = Instant.MIN;

    @Inject
    public AlertingProcessor(AlertingConfig config, Topics topics, Clock clock, AlertingMetrics metrics, PoisonRecords poison) {
        this.poison = requireNonNull(poison, "poison is null");
        this.kafka = requireNonNull(config, "config is null").kafka();
        this.topics = requireNonNull(topics, "topics is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.horizon = config.dedup().horizon();
        this.engine = new AlertEngine(config.loadRules(new RuleLoader()), dedup, clock, metrics);
        metrics.dedupEntries(dedup::size);
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> r, Output out) {
        AnomalyRecord record = Json.read(r.value(), AnomalyRecord.class);
        dedup.select(r.partition());
        for (Decision decision : engine.evaluate(record)) {
            if (decision.alert() != null) {
                out.send(topics.alerts().name(), decision.alert().kafkaKey().getBytes(StandardCharsets.UTF_8),
                        Json.write(decision.alert()));
            }
            AlertState state = decision.state();
            if (state != null) {
                out.send(new ProducerRecord<>(topics.alertingState().name(), r.partition(),
                        state.alertId().getBytes(StandardCharsets.UTF_8), Json.write(state)));
            }
        }
    }

    /** Sweeps expired alert ids once per {@link #SWEEP_EVERY}: forgotten here, tombstoned on the state topic. */
    @Override
    public void onTick(Instant now, Output out) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(SWEEP_EVERY);
        int expired = 0;
        for (int partition : dedup.partitions()) {
            dedup.select(partition);
            for (String alertId : engine.expire(horizon)) {
                out.send(new ProducerRecord<>(topics.alertingState().name(), partition,
                        alertId.getBytes(StandardCharsets.UTF_8), null));
                expired++;
            }
        }
        if (expired > 0) {
            metrics.dedupExpired(expired);
            LOG.info("forgot {} alert ids first alerted before {} (dedup.horizon {})", expired, now.minus(horizon), horizon);
        }
    }

    @Override
    public void onAssigned(Collection<TopicPartition> partitions) {
        List<TopicPartition> toRestore = partitions.stream().filter(p -> restored.add(p.partition()))
                .map(p -> new TopicPartition(topics.alertingState().name(), p.partition())).toList();
        if (toRestore.isEmpty()) {
            return;
        }
        int[] entries = {0};
        TopicReader.readToEnd(kafka, topics.alertingState().name(), toRestore.stream().map(TopicPartition::partition).toList(),
                "netrare-alerting-state-restore", Duration.ofMinutes(2), r -> {
                    dedup.select(r.partition());
                    if (r.value() == null) { // a tombstone: the id expired (compaction removes both in time)
                        engine.forget(new String(r.key(), StandardCharsets.UTF_8));
                        return;
                    }
                    try {
                        engine.restore(Json.read(r.value(), AlertState.class));
                        entries[0]++;
                    } catch (RuntimeException e) {
                        poison.skip(r, "state", e); // one unreadable entry must not stop every restart
                    }
                });
        LOG.info("restored {} alerting state entries from {}", entries[0], toRestore);
    }

    /** Another instance may raise alerts for these partitions now: forget them, read them again on return. */
    @Override
    public void onRevoked(Collection<TopicPartition> partitions) {
        for (TopicPartition p : partitions) {
            restored.remove(p.partition());
            dedup.drop(p.partition());
        }
    }

    AlertEngine engine() {
        return engine;
    }
}
