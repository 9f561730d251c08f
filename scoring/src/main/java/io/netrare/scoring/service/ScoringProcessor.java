package io.netrare.scoring.service;

import io.netrare.runtime.job.EventTimeGuard;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.PoisonRecords;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.kafka.StageException;
import io.netrare.runtime.kafka.Output;
import io.netrare.runtime.kafka.TypedProcessor;
import io.netrare.runtime.kafka.TopicReader;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.EventCodec;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.ScoringSnapshotPart;
import io.netrare.schema.ScoringSnapshotStore;
import io.netrare.schema.Topics;
import io.netrare.scoring.stream.ScoredPosition;
import io.netrare.scoring.stream.ScoringSettings;
import io.netrare.scoring.stream.ScoringShares;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The scoring service's Kafka side: hands events, ticks and commits to {@link ScoringShares} (the share
 * protocol) and moves what it returns — records to the anomalies topic, late events to the late-events
 * topic, positions to the consumer group, scoring snapshots to their topic — in the loop's transaction. When a
 * restarted instance must rebuild its model, it restores the newest scoring snapshot at or before the bucket to
 * resume from and waits for the models-topic reader to bring the deltas after it.
 */
final class ScoringProcessor implements TypedProcessor<NetworkEvent> {

    private static final EventTimeGuard EVENT_TIME = EventTimeGuard.defaults();
    private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);
    /** Room left in a producer request for a part's envelope (JSON, base64 of the data) and headers. */
    private static final int PART_OVERHEAD = 16 * 1024;
    /** How often an instance that owns no events partition asks what the group has scored. */
    static final Duration IDLE_LOOK_EVERY = Duration.ofMinutes(1);

    private final ScoringShares shares;
    private final TopicReader models;
    private final ScoringSettings settings;
    private final KafkaSettings kafka;
    private final Topics topics;
    /** The clock the event-time check compares with (the service's). */
    private final Clock clock;
    /** The last bucket the group has scored in every events partition (asked while this instance owns none). */
    private final Supplier<OptionalLong> scoredEverywhere;
    private Instant nextIdleLook = Instant.MIN;
    private final String jobId;
    private final int maxPartBytes;
    private final PoisonRecords poison;
    /** Reads an example event with every field (the loop's thread only: it keeps a table of recent strings). */
    private final java.util.function.Function<byte[], NetworkEvent> wholeEvents = EventCodec.reader();
    private volatile boolean restoring;
    /** True once a first assignment (possibly empty) has been taken over, its rebuild included. */
    private volatile boolean assignedOnce;

    ScoringProcessor(String jobId, ScoringShares shares, TopicReader models, ScoringSettings settings, KafkaSettings kafka,
                     Clock clock, Supplier<OptionalLong> scoredEverywhere, PoisonRecords poison) {
        this.jobId = requireNonNull(jobId, "jobId is null");
        this.shares = requireNonNull(shares, "shares is null");
        this.models = requireNonNull(models, "models is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.topics = kafka.topics();
        this.clock = requireNonNull(clock, "clock is null");
        this.scoredEverywhere = requireNonNull(scoredEverywhere, "scoredEverywhere is null");
        this.poison = requireNonNull(poison, "poison is null");
        // base64 makes 3 bytes 4; the rest of the request is the part's small envelope
        this.maxPartBytes = Math.max(1024, Math.min(512 * 1024, (DeadLetters.maxRequestSize(kafka) - PART_OVERHEAD) / 4 * 3));
    }

    /**
     * Before the loop subscribes and the models topic is read: creates the scoring snapshots topic when missing, and
     * tells the book which deltas no restart can need (those every partition's snapshot covers), so they are not kept.
     */
    void prepare() {
        TopicAdmin.create(kafka, List.of(topics.scoringSnapshots()), 1, (short) -1, -1);
        int eventPartitions = TopicReader.partitions(kafka, topics.events().name(), settings.restoreTimeout());
        shares.skipCoveredDeltas(readSnapshots(), eventPartitions);
    }

    private ScoringSnapshotStore readSnapshots() {
        ScoringSnapshotStore snapshots = new ScoringSnapshotStore(jobId);
        TopicReader.readToEnd(kafka, topics.scoringSnapshots().name(), "netrare-scoring-snapshots-"
                + kafka.effectiveInstanceId(), settings.restoreTimeout(),
                poison.guard("scoring-snapshots", r -> snapshots.add(r.key(), r.value())));
        return snapshots;
    }

    /**
     * True once the group has given this instance its first assignment (the group tells every member, also one left
     * without partitions) and no assignment waits for the model to be rebuilt: the service is ready only then.
     */
    boolean restored() {
        return assignedOnce && !restoring;
    }

    @Override
    public void onAssigned(Collection<TopicPartition> assigned, Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<Integer, ScoredPosition> positions = new TreeMap<>();
        for (TopicPartition tp : assigned) {
            OffsetAndMetadata c = committed.get(tp);
            positions.put(tp.partition(), ScoredPosition.parse(c == null ? null : c.metadata()));
        }
        OptionalLong rebuild = shares.assign(positions);
        if (rebuild.isPresent()) {
            restoring = true;
            long start = System.nanoTime();
            try {
                shares.restoreSnapshot(readSnapshots(), rebuild.getAsLong());
                awaitModels(rebuild.getAsLong());
                shares.rebuildUpTo(rebuild.getAsLong());
                LOG.info("restore took {} ms: model at bucket {}", (System.nanoTime() - start) / 1_000_000,
                        Instant.ofEpochMilli(rebuild.getAsLong()));
            } finally {
                restoring = false;
            }
        }
        assignedOnce = true;
    }

    /** Waits until the models-topic reader has brought every share's deltas up to the bucket. */
    private void awaitModels(long bucket) {
        long deadline = System.nanoTime() + settings.restoreTimeout().toNanos();
        while (!shares.canRebuild(bucket)) {
            if (System.nanoTime() > deadline || models.failure().isPresent()) {
                throw new IllegalStateException("the models topic did not show every share up to bucket "
                        + Instant.ofEpochMilli(bucket) + " within " + settings.restoreTimeout());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the models topic", e);
            }
        }
    }

    @Override
    public void onRevoked(Collection<TopicPartition> revoked) {
        shares.revoke(revoked.stream().map(TopicPartition::partition).toList());
    }

    @Override
    public void check(Input<NetworkEvent> in) {
        // a forged far-future time on the events topic must not move a share's watermark
        StageException.attribute("validate", EventTimeGuard.InvalidEventTimeException.class,
                () -> EVENT_TIME.require(in.value().timestamp(), clock.instant()));
    }

    @Override
    public void process(Input<NetworkEvent> in, Output out) {
        // the loop's reader builds the fields a bucket counts; an event kept as an example is read whole
        ScoringShares.Placement placement = shares.place(in.partition(), in.offset(), in.timestamp(), in.value(),
                () -> wholeEvents.apply(EventCodec.eventOf(in.record().value(), in.index())), sender(out));
        if (placement == ScoringShares.Placement.LATE) {
            out.forward(topics.lateEvents(), in.record(), EventCodec.eventOf(in.record().value(), in.index()));
        }
        sendSnapshot(out);
    }

    @Override
    public void onBrokersBack(Instant now) {
        shares.brokersBack();
    }

    @Override
    public void onTick(Instant now, Output out) {
        shares.tick(sender(out));
        // only once the group has said this instance owns nothing: before its first assignment, a restarting instance
        // restores on that assignment
        if (assignedOnce && shares.ownsNoPartition() && !now.isBefore(nextIdleLook)) {
            // an instance that scores nothing learns what the group has scored everywhere, so its book stays bounded
            nextIdleLook = now.plus(IDLE_LOOK_EVERY);
            scoredEverywhere.get().ifPresent(bucket -> {
                if (shares.behindSkippedDeltas()) { // the deltas it would learn from are covered: start from a snapshot
                    shares.restoreSnapshot(readSnapshots(), bucket);
                }
                shares.catchUpIdle(bucket);
            });
        }
        sendSnapshot(out);
    }

    /** A snapshot due goes out in the transaction that commits the partitions it was taken for. */
    private void sendSnapshot(Output out) {
        for (ScoringSnapshotPart part : shares.takeSnapshot(maxPartBytes)) {
            out.send(new ProducerRecord<>(topics.scoringSnapshots().name(), topics.scoringSnapshots().key(part.key()),
                    part.encode()));
        }
    }

    private Consumer<AnomalyRecord> sender(Output out) {
        return r -> out.send(topics.anomalies(), r.kafkaKey(), r);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> offsetsToCommit(Map<TopicPartition, OffsetAndMetadata> consumed) {
        Map<Integer, Long> read = new HashMap<>();
        consumed.forEach((tp, position) -> read.put(tp.partition(), position.offset()));
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        shares.commits(read).forEach((partition, commit) -> out.put(new TopicPartition(topics.events().name(), partition),
                new OffsetAndMetadata(commit.offset(), commit.position().encode())));
        return out;
    }
}
