package io.netrare.scoring.service;

import io.netrare.runtime.job.EventTimeGuard;
import io.netrare.runtime.kafka.StageException;
import io.netrare.runtime.kafka.Output;
import io.netrare.runtime.kafka.TypedProcessor;
import io.netrare.runtime.kafka.TopicReader;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.Topics;
import io.netrare.scoring.stream.ScoredPosition;
import io.netrare.scoring.stream.ScoringSettings;
import io.netrare.scoring.stream.ScoringShares;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The scoring service's Kafka side: hands events, ticks and commits to {@link ScoringShares} (the share
 * protocol) and moves what it returns — records to the anomalies topic, late events to the late-events
 * topic, positions to the consumer group — in the loop's transaction. Waits for the models-topic reader when
 * a restarted instance must rebuild its model.
 */
final class ScoringProcessor implements TypedProcessor<NetworkEvent> {

    private static final EventTimeGuard EVENT_TIME = EventTimeGuard.defaults();
    /** How often an instance that owns no events partition asks what the group has scored. */
    static final Duration IDLE_LOOK_EVERY = Duration.ofMinutes(1);

    private final ScoringShares shares;
    private final TopicReader models;
    private final ScoringSettings settings;
    private final Topics topics;
    /** The clock the event-time check compares with (the service's). */
    private final Clock clock;
    /** The last bucket the group has scored in every events partition (asked while this instance owns none). */
    private final Supplier<OptionalLong> scoredEverywhere;
    private Instant nextIdleLook = Instant.MIN;

    ScoringProcessor(ScoringShares shares, TopicReader models, ScoringSettings settings, Topics topics, Clock clock,
                     Supplier<OptionalLong> scoredEverywhere) {
        this.shares = requireNonNull(shares, "shares is null");
        this.models = requireNonNull(models, "models is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.topics = requireNonNull(topics, "topics is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.scoredEverywhere = requireNonNull(scoredEverywhere, "scoredEverywhere is null");
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
            awaitModels(rebuild.getAsLong());
            shares.rebuildUpTo(rebuild.getAsLong());
        }
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
    public void process(Input<NetworkEvent> in, Output out) {
        try { // a forged far-future time on the events topic must not move a share's watermark
            EVENT_TIME.require(in.value().timestamp(), clock.instant());
        } catch (EventTimeGuard.InvalidEventTimeException e) {
            throw new StageException("validate", e);
        }
        ScoringShares.Placement placement = shares.place(in.partition(), in.offset(), in.timestamp(), in.value(),
                sender(out));
        if (placement == ScoringShares.Placement.LATE) {
            out.forward(topics.lateEvents(), in.record());
        }
    }

    @Override
    public void onBrokersBack(Instant now) {
        shares.brokersBack();
    }

    @Override
    public void onTick(Instant now, Output out) {
        shares.tick(sender(out));
        if (shares.ownsNoPartition() && !now.isBefore(nextIdleLook)) {
            // an instance that scores nothing learns what the group has scored everywhere, so its book stays bounded
            nextIdleLook = now.plus(IDLE_LOOK_EVERY);
            scoredEverywhere.get().ifPresent(shares::catchUpIdle);
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
