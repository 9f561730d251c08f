package io.netrare.scoring.stream;

import io.netrare.runtime.job.EventTimeGuard;
import io.netrare.runtime.kafka.Output;
import io.netrare.runtime.kafka.StageException;
import io.netrare.runtime.kafka.RecordProcessor;
import io.netrare.runtime.kafka.TopicReader;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.Topics;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.scoring.BucketEngine;
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
import java.util.OptionalLong;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The scoring service's logic. Events of the owned partitions feed the {@link BucketEngine} (influencers,
 * examples, interim records); the training shares' deltas, read from every partition of the models topic,
 * say when a bucket is closed and what it held fleet-wide. A bucket is scored once every share has closed
 * it and this instance has read, in each owned partition, as far as the share had when it closed the
 * bucket; the model learns the union of the deltas, so every instance keeps the same model and normalizer
 * and writes exactly the records one instance would, for the entities it owns.
 */
final class ScoringProcessor implements RecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);
    private static final EventTimeGuard EVENT_TIME = EventTimeGuard.defaults();

    private final JobSpec job;
    private final BucketEngine engine;
    private final DeltaBook book;
    private final TopicReader models;
    private final ScoringSettings settings;
    private final Topics topics;
    private final Clock clock;
    private final ScoringMetrics metrics;
    private final Map<Integer, PartitionProgress> partitions = new TreeMap<>();
    private final Map<EntityKey, Integer> entityPartition = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new HashMap<>();
    private long modelBucket = Long.MIN_VALUE;
    private long waitingBucket = Long.MIN_VALUE;
    private long waitingSince;

    ScoringProcessor(JobSpec job, BucketEngine engine, DeltaBook book, TopicReader models, ScoringSettings settings,
                     Topics topics, Clock clock, ScoringMetrics metrics) {
        this.job = requireNonNull(job, "job is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.book = requireNonNull(book, "book is null");
        this.models = requireNonNull(models, "models is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.topics = requireNonNull(topics, "topics is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public void onAssigned(Collection<TopicPartition> assigned, Map<TopicPartition, OffsetAndMetadata> committed) {
        long resumeFrom = Long.MAX_VALUE;
        for (TopicPartition tp : assigned) {
            PartitionProgress p = PartitionProgress.fromCommitted(committed.get(tp));
            partitions.put(tp.partition(), p);
            lastCommitted.put(tp, committed.get(tp));
            resumeFrom = Math.min(resumeFrom, p.scoredUpTo);
        }
        if (resumeFrom != Long.MIN_VALUE && resumeFrom != Long.MAX_VALUE && resumeFrom > modelBucket) {
            rebuildModelUpTo(resumeFrom);
        } else if (resumeFrom != Long.MAX_VALUE && resumeFrom < modelBucket) {
            LOG.warn("a partition resumes from bucket {} but the model has learned up to {}: its records between "
                    + "are not written by this instance", Instant.ofEpochMilli(resumeFrom), Instant.ofEpochMilli(modelBucket));
        }
        LOG.info("scoring partitions {} assigned; model at bucket {}", partitions.keySet(), modelBucket);
    }

    /**
     * After a restart or a rebalance: learn, without writing, every bucket the previous owner had scored.
     * Waits until the models-topic reader has brought every share's deltas up to that bucket.
     */
    private void rebuildModelUpTo(long bucket) {
        long deadline = clock.millis() + settings.restoreTimeout().toMillis();
        book.drain();
        while (!book.complete(bucket)) {
            if (clock.millis() > deadline || models.failure().isPresent()) {
                throw new IllegalStateException("the models topic did not show every share up to bucket "
                        + Instant.ofEpochMilli(bucket) + " within " + settings.restoreTimeout());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the models topic", e);
            }
            book.drain();
        }
        for (long b : book.bucketsWithDeltas()) {
            if (b > modelBucket && b <= bucket) {
                engine.learnOnly(book.observation(b));
                modelBucket = b;
            }
        }
        modelBucket = Math.max(modelBucket, bucket);
        book.forget(modelBucket);
        metrics.modelBucket.set(modelBucket / 1000);
    }

    @Override
    public void onRevoked(Collection<TopicPartition> revoked) {
        revoked.forEach(tp -> {
            partitions.remove(tp.partition());
            lastCommitted.remove(tp);
        });
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> record, Output out) {
        PartitionProgress progress = partitions.get(record.partition());
        if (progress == null) {
            throw new IllegalStateException("record of unassigned partition " + record.partition());
        }
        NetworkEvent event = Json.read(record.value(), NetworkEvent.class);
        try {
            EVENT_TIME.require(event.timestamp(), clock.instant()); // a forged far-future time must not move the watermark
        } catch (EventTimeGuard.InvalidEventTimeException e) {
            throw new StageException("validate", e);
        }
        long bucket = job.bucketStart(event.timestamp());
        EntityKey key = job.entityKey(event);
        if (key == null) {
            throw new IllegalArgumentException("event has no " + job.byFieldName()
                    + (job.partitionFieldName() == null ? "" : " or " + job.partitionFieldName()));
        }
        boolean replay = record.offset() < progress.replayUntil;
        progress.position = Math.max(progress.position, record.offset() + 1);
        if (bucket <= progress.scoredUpTo || bucket <= modelBucket) {
            late(record, replay, out);
            return;
        }
        BucketEngine.Outcome outcome = engine.collect(event, !replay);
        if (outcome.kind() == BucketEngine.Outcome.Kind.LATE) {
            late(record, replay, out);
            return;
        }
        progress.read(record.offset(), bucket);
        entityPartition.put(key, record.partition());
        for (AnomalyRecord interim : outcome.records()) {
            send(interim, out);
            metrics.interimRecords.increment();
            metrics.eventToRecord.record(java.time.Duration.ofMillis(Math.max(0, clock.millis() - record.timestamp())));
        }
        scoreReadyBuckets(out);
    }

    private void late(ConsumerRecord<byte[], byte[]> record, boolean replay, Output out) {
        if (replay) {
            metrics.eventsReplayed.increment();
            return;
        }
        metrics.eventsLate.increment();
        out.send(new ProducerRecord<>(topics.lateEvents().name(), null, record.key(), record.value(), record.headers()));
    }

    @Override
    public void onTick(Instant now, Output out) {
        book.drain();
        scoreReadyBuckets(out);
    }

    /** Scores, in order, every bucket that all shares have closed and this instance has read far enough for. */
    private void scoreReadyBuckets(Output out) {
        while (!partitions.isEmpty()) {
            OptionalLong next = nextBucket();
            if (next.isEmpty()) {
                break;
            }
            long bucket = next.getAsLong();
            if (!ready(bucket)) {
                break;
            }
            List<AnomalyRecord> records = engine.closeWith(book.observation(bucket), key -> owns(key, bucket));
            for (AnomalyRecord r : records) {
                send(r, out);
                (r.version() > 1 && r.timestamp() < bucket ? metrics.renormalizedRecords : metrics.finalRecords).increment();
            }
            modelBucket = bucket;
            partitions.values().forEach(p -> p.scored(bucket));
            book.forget(bucket);
            metrics.bucketsScored.increment();
            metrics.modelBucket.set(bucket / 1000);
            metrics.watermarkLagSeconds.set(Math.max(0, (clock.millis() - bucket - job.bucketSpanMillis()) / 1000));
        }
        metrics.openBuckets.set(engine.earliestOpenBucket().isPresent() ? 1 : 0);
    }

    private OptionalLong nextBucket() {
        OptionalLong delta = book.nextDeltaBucket(modelBucket);
        OptionalLong own = engine.earliestOpenBucket();
        if (delta.isEmpty()) {
            return own;
        }
        if (own.isEmpty()) {
            return delta;
        }
        return OptionalLong.of(Math.min(delta.getAsLong(), own.getAsLong()));
    }

    private boolean ready(long bucket) {
        if (!book.complete(bucket)) {
            if (!book.started(bucket)) {
                return false;
            }
            if (waitingBucket != bucket) {
                waitingBucket = bucket;
                waitingSince = clock.millis();
                return false;
            }
            if (clock.millis() - waitingSince < settings.shareTimeout().toMillis()) {
                return false;
            }
            LOG.warn("bucket {} scored without every training share after {}", Instant.ofEpochMilli(bucket),
                    settings.shareTimeout());
            metrics.shareTimeouts.increment();
        }
        for (Map.Entry<Integer, PartitionProgress> e : partitions.entrySet()) {
            if (e.getValue().position < book.sourcePosition(bucket, e.getKey())) {
                return false; // the share learned events of this bucket we have not read yet
            }
        }
        return true;
    }

    private boolean owns(EntityKey key, long bucket) {
        Integer partition = entityPartition.get(key);
        PartitionProgress p = partition == null ? null : partitions.get(partition);
        return p != null && p.scoredUpTo < bucket;
    }

    private void send(AnomalyRecord record, Output out) {
        out.send(topics.anomalies().name(), record.kafkaKey().getBytes(StandardCharsets.UTF_8), Json.write(record));
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> offsetsToCommit(Map<TopicPartition, OffsetAndMetadata> consumed) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        consumed.forEach((tp, position) -> {
            PartitionProgress p = partitions.get(tp.partition());
            if (p != null) {
                p.position = Math.max(p.position, position.offset());
            }
        });
        partitions.forEach((partition, p) -> {
            if (p.position == 0) {
                return;
            }
            TopicPartition tp = new TopicPartition(topics.events().name(), partition);
            OffsetAndMetadata next = p.committable();
            if (!next.equals(lastCommitted.get(tp))) {
                out.put(tp, next);
                lastCommitted.put(tp, next);
            }
        });
        return out;
    }
}
