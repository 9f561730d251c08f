package io.netrare.model.training;

import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.job.EventTimeGuard;
import io.netrare.runtime.kafka.Output;
import io.netrare.runtime.kafka.StageException;
import io.netrare.runtime.kafka.RecordProcessor;
import io.netrare.schema.Json;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.Topics;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.schema.spi.ShareDelta;
import io.netrare.schema.spi.SnapshotCheck;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The training service's logic: events of each assigned partition go to that partition's
 * {@link ShareTrainer}; every bucket a share closes is learned and published as a delta (and, every few
 * buckets, the share's whole state) in the transaction that commits the input offsets. The committed
 * offset stops at the first event of a bucket still open, so a restart reads open buckets again and the
 * published model never misses or double-counts an event.
 */
final class TrainingProcessor implements RecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingProcessor.class);
    private static final EventTimeGuard EVENT_TIME = EventTimeGuard.defaults();
    private static final String POSITION_PREFIX = "pos=";

    private final JobSpec job;
    private final ModelProvider provider;
    private final SnapshotCheck snapshotCheck;
    private final TrainingSettings settings;
    private final KafkaSettings kafka;
    private final Topics topics;
    private final Clock clock;
    private final TrainingMetrics metrics;
    private final Map<Integer, ShareTrainer> shares = new TreeMap<>();
    private final Map<Integer, Long> versions = new HashMap<>();
    private final Map<Integer, Integer> closedSinceSnapshot = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new HashMap<>();
    private int partitions;
    private volatile List<AnomalyModel> models = List.of();
    private int modelPartitions;
    private long lastArrival;

    TrainingProcessor(JobSpec job, ModelProvider provider, SnapshotCheck snapshotCheck, TrainingSettings settings,
                      KafkaSettings kafka, Clock clock, TrainingMetrics metrics) {
        this.job = requireNonNull(job, "job is null");
        this.provider = requireNonNull(provider, "provider is null");
        this.snapshotCheck = requireNonNull(snapshotCheck, "snapshotCheck is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.topics = kafka.topics();
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.lastArrival = clock.millis();
    }

    /** The models of the shares this instance holds, for the model meters (read from the scrape thread). */
    List<AnomalyModel> models() {
        return models;
    }

    private void refreshModels() {
        models = shares.values().stream().map(ShareTrainer::model).toList();
    }

    @Override
    public void onAssigned(Collection<TopicPartition> assigned, Map<TopicPartition, OffsetAndMetadata> committed) {
        ShareHistory history = ShareHistory.read(kafka, topics.models().name(), topics.events().name(), job.jobId(),
                settings.restoreTimeout());
        lastArrival = clock.millis(); // idleness counts from now: the new shares have their backlog to read first
        partitions = history.eventPartitions();
        modelPartitions = history.modelPartitions();
        for (TopicPartition tp : assigned) {
            OffsetAndMetadata c = committed.get(tp);
            ShareHistory.Share stored = history.share(tp.partition(), snapshotCheck);
            shares.put(tp.partition(), restore(tp.partition(), stored, replayUntil(c)));
            lastCommitted.put(tp, c);
        }
        refreshModels();
        LOG.info("training shares {} of {} assigned", shares.keySet(), partitions);
    }

    private ShareTrainer restore(int share, ShareHistory.Share stored, long replayUntil) {
        AnomalyModel model;
        long lastClosed = Long.MIN_VALUE;
        if (stored.snapshot() != null) {
            ShareState state = Json.mapper().convertValue(stored.snapshot().state(), ShareState.class);
            model = provider.restore(job, state.model());
            lastClosed = state.lastClosed();
        } else {
            model = provider.create(job);
        }
        for (ModelSnapshot delta : stored.deltasAfter()) {
            ShareDelta d = Json.mapper().convertValue(delta.state(), ShareDelta.class);
            model.learn(ShareDelta.union(delta.bucket(), List.of(d)));
            lastClosed = Math.max(lastClosed, delta.bucket());
        }
        versions.put(share, stored.lastVersion());
        return new ShareTrainer(share, job, model, settings.latency().toMillis(), lastClosed, replayUntil);
    }

    private static long replayUntil(OffsetAndMetadata committed) {
        if (committed == null || committed.metadata() == null || !committed.metadata().startsWith(POSITION_PREFIX)) {
            return 0;
        }
        return Long.parseLong(committed.metadata().substring(POSITION_PREFIX.length()));
    }

    @Override
    public void onRevoked(Collection<TopicPartition> revoked) {
        for (TopicPartition tp : revoked) {
            shares.remove(tp.partition());
            lastCommitted.remove(tp);
        }
        refreshModels();
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> record, Output out) {
        lastArrival = clock.millis();
        NetworkEvent event = Json.read(record.value(), NetworkEvent.class);
        try {
            EVENT_TIME.require(event.timestamp(), clock.instant()); // a forged far-future time must not move the watermark
        } catch (EventTimeGuard.InvalidEventTimeException e) {
            throw new StageException("validate", e);
        }
        EntityKey key = job.entityKey(event);
        ShareTrainer share = shares.get(record.partition());
        if (share == null) {
            throw new IllegalStateException("record of unassigned partition " + record.partition());
        }
        if (key == null) {
            throw new IllegalArgumentException("event has no " + job.byFieldName()
                    + (job.partitionFieldName() == null ? "" : " or " + job.partitionFieldName()));
        }
        switch (share.add(event, key, record.offset())) {
            case ADDED -> metrics.eventsLearned.increment(event.count());
            case REPLAYED -> metrics.eventsReplayed.increment();
            case LATE -> {
                metrics.eventsLate.increment();
                out.send(new ProducerRecord<>(topics.lateEvents().name(), null, record.key(), record.value(), record.headers()));
            }
        }
        publish(share, share.closeByWatermark(), out);
    }

    /** With no input for the idle timeout, every share closes all its open buckets, and idle shares catch up. */
    @Override
    public void onTick(Instant now, Output out) {
        if (shares.isEmpty() || now.toEpochMilli() - lastArrival < settings.idleTimeout().toMillis()) {
            return;
        }
        long newest = Long.MIN_VALUE;
        for (ShareTrainer share : shares.values()) {
            if (share.hasOpenBuckets()) {
                publish(share, share.closeAll(), out);
            }
            newest = Math.max(newest, share.lastClosed());
        }
        if (newest == Long.MIN_VALUE) {
            return;
        }
        for (ShareTrainer share : shares.values()) {
            if (share.lastClosed() < newest) {
                publish(share, share.closeUpTo(newest + job.bucketSpanMillis()), out);
                publishSnapshot(share, out);
            }
        }
    }

    private void publish(ShareTrainer share, List<ShareTrainer.Closed> closed, Output out) {
        if (closed.isEmpty()) {
            return;
        }
        for (ShareTrainer.Closed c : closed) {
            ShareDelta delta = ShareDelta.of(c.observation(), c.sourcePosition());
            send(share.share(), c.bucketStart(), ModelSnapshot.KIND_DELTA, Json.mapper().valueToTree(delta), out);
            metrics.deltasPublished.increment();
            metrics.bucketsClosed.increment();
        }
        metrics.lastClosedBucket.accumulateAndGet(share.lastClosed() / 1000, Math::max);
        if (closedSinceSnapshot.merge(share.share(), closed.size(), Integer::sum) >= settings.snapshotEvery()) {
            publishSnapshot(share, out);
        }
    }

    private void publishSnapshot(ShareTrainer share, Output out) {
        ShareState state = new ShareState(share.lastClosed(), share.model().snapshot());
        send(share.share(), share.lastClosed(), ModelSnapshot.KIND_SNAPSHOT, Json.mapper().valueToTree(state), out);
        closedSinceSnapshot.put(share.share(), 0);
        metrics.snapshotsPublished.increment();
        metrics.lastSnapshotEpochSeconds.set(clock.millis() / 1000);
    }

    private void send(int share, long bucket, String kind, com.fasterxml.jackson.databind.JsonNode state, Output out) {
        long version = versions.merge(share, 1L, Long::sum);
        ModelSnapshot snapshot = new ModelSnapshot(ModelSnapshot.SCHEMA_VERSION, job.jobId(), provider.type(),
                provider.formatVersion(), share,
                partitions, bucket, version, kind, clock.instant(), state);
        // every message of a share goes to one partition of the models topic, so that a reader that has seen a
        // share's bucket t has seen all its earlier deltas (keys alone would scatter them)
        out.send(new ProducerRecord<>(topics.models().name(), share % modelPartitions,
                snapshot.kafkaKey().getBytes(StandardCharsets.UTF_8), Json.write(snapshot)));
    }

    /** Commits up to the first event of an open bucket, with the consumed position as metadata. */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> offsetsToCommit(Map<TopicPartition, OffsetAndMetadata> consumed) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        consumed.forEach((tp, position) -> {
            ShareTrainer share = shares.get(tp.partition());
            if (share != null) {
                share.advanceTo(position.offset()); // records dead-lettered or skipped count as read
            }
        });
        for (ShareTrainer share : shares.values()) {
            TopicPartition tp = new TopicPartition(topics.events().name(), share.share());
            if (share.position() == 0) {
                continue;
            }
            OffsetAndMetadata next = new OffsetAndMetadata(share.committableOffset(), POSITION_PREFIX + share.position());
            if (!next.equals(lastCommitted.get(tp))) {
                out.put(tp, next);
                lastCommitted.put(tp, next);
            }
        }
        return out;
    }

}
