package io.netrare.model.service;

import io.netrare.runtime.job.EventTimeGuard;
import io.netrare.runtime.job.ModelMessageGuard;
import io.netrare.runtime.kafka.PoisonRecords;
import io.netrare.runtime.kafka.StageException;
import io.netrare.model.training.ShareHistory;
import io.netrare.model.training.TrainingSettings;
import io.netrare.model.training.TrainingShares;
import io.netrare.runtime.bucket.EventTimeBuckets;
import io.netrare.runtime.bucket.SharePosition;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.Output;
import io.netrare.runtime.kafka.TypedProcessor;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.kafka.TopicReader;
import io.netrare.schema.Json;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.EventCodec;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.ScoringSnapshotStore;
import io.netrare.schema.Topics;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The training service's Kafka side: reads the models topic when shares are assigned, hands events and
 * ticks to {@link TrainingShares} (the share protocol), and moves what it returns — deltas and snapshots to
 * the models topic, late events to the late-events topic, commit positions to the consumer group — in the
 * loop's transaction.
 */
final class TrainingProcessor implements TypedProcessor<NetworkEvent> {

    private static final EventTimeGuard EVENT_TIME = EventTimeGuard.defaults();
    private static final ModelMessageGuard MODEL_MESSAGES = ModelMessageGuard.defaults();

    private static final Logger LOG = LoggerFactory.getLogger(TrainingProcessor.class);

    private final String jobId;
    private final TrainingShares shares;
    private final SnapshotCheck snapshotCheck;
    private final TrainingSettings settings;
    private final KafkaSettings kafka;
    private final Topics topics;
    /** The clock the event-time check compares with (the service's). */
    private final Clock clock;
    private final PoisonRecords poison;
    private long lastFleetLook = Long.MIN_VALUE / 2;

    TrainingProcessor(String jobId, TrainingShares shares, SnapshotCheck snapshotCheck, TrainingSettings settings,
                      KafkaSettings kafka, Clock clock, PoisonRecords poison) {
        this.jobId = requireNonNull(jobId, "jobId is null");
        this.shares = requireNonNull(shares, "shares is null");
        this.snapshotCheck = requireNonNull(snapshotCheck, "snapshotCheck is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.topics = kafka.topics();
        this.clock = requireNonNull(clock, "clock is null");
        this.poison = requireNonNull(poison, "poison is null");
    }

    @Override
    public void onAssigned(Collection<TopicPartition> assigned, Map<TopicPartition, OffsetAndMetadata> committed) {
        long start = System.nanoTime();
        Duration timeout = settings.restoreTimeout();
        ShareHistory history = new ShareHistory();
        // the latest snapshot record of each share, to dead-letter one that does not restore
        Map<Integer, SnapshotRecord> snapshotRecords = new HashMap<>();
        Instant now = clock.instant();
        int modelPartitions = TopicReader.readToEnd(kafka, topics.models().name(),
                "netrare-model-restore-" + kafka.effectiveInstanceId(), timeout, poison.guard("models", r -> {
                    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    if (r.value() == null) { // a tombstone: that delta is gone
                        if (key != null) {
                            history.deleted(key);
                        }
                    } else {
                        ModelSnapshot s = readChecked(r, now);
                        history.add(s, jobId, key);
                        if (!s.isDelta() && s.jobId().equals(jobId)) {
                            snapshotRecords.merge(s.modelPartition(), new SnapshotRecord(s.version(), r),
                                    (kept, next) -> next.version() > kept.version() ? next : kept);
                        }
                    }
                }));
        int eventPartitions = TopicReader.partitions(kafka, topics.events().name(), timeout);
        while (true) {
            Map<Integer, TrainingShares.Assignment> assignments = new TreeMap<>();
            for (TopicPartition tp : assigned) {
                OffsetAndMetadata c = committed.get(tp);
                assignments.put(tp.partition(), new TrainingShares.Assignment(history.share(tp.partition(), snapshotCheck),
                        SharePosition.parse(c == null ? null : c.metadata())));
            }
            try {
                shares.assign(eventPartitions, modelPartitions, assignments);
                break;
            } catch (TrainingShares.UnrestorableSnapshotException e) {
                // one bad snapshot must not stop every restart: the share is rebuilt from its deltas
                SnapshotRecord record = snapshotRecords.get(e.share());
                if (record != null) {
                    poison.skip(record.record(), "models", e);
                } else {
                    LOG.warn("{}", e.getMessage());
                }
                history.dropSnapshot(e.share());
            }
        }
        LOG.info("training shares {} of {} assigned; restore took {} ms", shares.held(), eventPartitions,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** A share snapshot's version and the record it was read from. */
    private record SnapshotRecord(long version, ConsumerRecord<byte[], byte[]> record) {
    }

    /**
     * A models-topic message, checked ({@link ModelMessageGuard}) and, for a whole delta, its state decoded, so that
     * what cannot be restored from is refused here, where it is dead-lettered (a split delta's state is checked
     * once its parts are put together, by {@link ShareHistory#add}).
     */
    private ModelSnapshot readChecked(ConsumerRecord<byte[], byte[]> r, Instant now) {
        ModelSnapshot s = topics.models().read(r.value());
        MODEL_MESSAGES.require(s, r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), now);
        if (s.isDelta() && !s.isPart() && Json.mapper().convertValue(s.state(), ShareDelta.class) == null) {
            throw new IllegalArgumentException("delta of bucket " + s.bucket() + " has no state");
        }
        return s;
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
        List<TrainingShares.Publication> publications = new ArrayList<>();
        EventTimeBuckets.Placement placement = shares.place(in.partition(), in.offset(), in.value(), publications);
        if (placement == EventTimeBuckets.Placement.LATE) {
            out.forward(topics.lateEvents(), in.record(), EventCodec.eventOf(in.record().value(), in.index()));
        }
        send(publications, out);
    }

    @Override
    public void onBrokersBack(Instant now) {
        shares.brokersBack(now.toEpochMilli());
    }

    @Override
    public void onTick(Instant now, Output out) {
        List<TrainingShares.Publication> publications = new ArrayList<>();
        long fleetClosed = Long.MIN_VALUE;
        long nowMillis = now.toEpochMilli();
        if (shares.idleWithEmptyShares(nowMillis) && nowMillis - lastFleetLook >= settings.idleTimeout().toMillis()) {
            // how far the fleet's shares have closed: the last messages of each models partition say it
            lastFleetLook = nowMillis;
            long[] max = {Long.MIN_VALUE};
            TopicReader.readTail(kafka, topics.models().name(), 64, "netrare-model-fleet-" + kafka.effectiveInstanceId(),
                    settings.restoreTimeout(), r -> {
                        if (r.value() == null) {
                            return;
                        }
                        try {
                            ModelSnapshot s = readChecked(r, now);
                            if (s.jobId().equals(jobId)) {
                                max[0] = Math.max(max[0], s.bucket());
                            }
                        } catch (RuntimeException e) {
                            // a glance at the last messages: a bad one is dead-lettered when shares are restored
                            LOG.debug("skipping unreadable models record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
                        }
                    });
            fleetClosed = max[0];
        }
        shares.tick(nowMillis, fleetClosed, publications);
        send(publications, out);
    }

    private void send(List<TrainingShares.Publication> publications, Output out) {
        for (TrainingShares.Publication p : publications) {
            out.send(topics.models(), p.modelPartition(), p.snapshot().kafkaKey(), p.snapshot());
        }
        deleteCoveredDeltas(out);
    }

    /**
     * When due, tombstones the held shares' deltas that their snapshot and every partition's scoring snapshot cover, in
     * the open transaction (from events and from ticks: a replay may publish its last snapshots before scoring has any).
     */
    private void deleteCoveredDeltas(Output out) {
        if (shares.deletionDue()) {
            long floor;
            try {
                floor = scoringFloor();
            } catch (RuntimeException e) { // never the event's failure: deletion waits for the next round
                LOG.warn("could not read the scoring snapshots to delete covered deltas: {}", e.toString());
                floor = Long.MIN_VALUE;
            }
            for (TrainingShares.Tombstone t : shares.deletable(floor)) {
                out.send(new ProducerRecord<>(topics.models().name(), t.modelPartition(),
                        t.key().getBytes(StandardCharsets.UTF_8), null));
            }
        }
    }

    /**
     * The oldest bucket that the latest scoring snapshot of every events partition covers, read from the scoring
     * snapshots topic, or {@link Long#MIN_VALUE} when it does not exist yet or some partition has none.
     */
    private long scoringFloor() {
        String name = topics.scoringSnapshots().name();
        if (!TopicAdmin.exists(kafka, name)) {
            return Long.MIN_VALUE;
        }
        ScoringSnapshotStore store = new ScoringSnapshotStore(jobId);
        TopicReader.readToEnd(kafka, name, "netrare-model-scoring-snapshots-" + kafka.effectiveInstanceId(),
                settings.restoreTimeout(), r -> {
                    try {
                        store.add(r.key(), r.value());
                    } catch (IllegalArgumentException e) {
                        // scoring's to dead-letter; here the partition's snapshot just counts as missing (the floor drops)
                    }
                });
        return store.floor(shares.partitions());
    }

    /** Commits up to the first event of an open bucket, with the share's position as metadata. */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> offsetsToCommit(Map<TopicPartition, OffsetAndMetadata> consumed) {
        Map<Integer, Long> read = new HashMap<>();
        consumed.forEach((tp, position) -> read.put(tp.partition(), position.offset()));
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        shares.commits(read).forEach((share, commit) -> out.put(new TopicPartition(topics.events().name(), share),
                new OffsetAndMetadata(commit.offset(), commit.position().encode())));
        return out;
    }
}
