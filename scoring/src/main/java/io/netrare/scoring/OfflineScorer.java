package io.netrare.scoring;

import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.NetworkEvent;
import io.netrare.runtime.kafka.KeyPartitions;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import static java.util.Objects.requireNonNull;

/**
 * The engine over a finite input: every event in order, then every bucket closed. The reference the
 * Kafka pipeline is checked against: with the partition count of the pipeline's events topic, the input is
 * split into the same shares, each share's buckets close on its own watermark as the training shares'
 * do, and a bucket is scored once every share has closed it, so the final records are the pipeline's.
 */
public final class OfflineScorer {

    /** Every record version emitted, in order, the late events, and the latest version of each record. */
    public record Result(List<AnomalyRecord> emitted, List<AnomalyRecord> finalRecords, long lateEvents,
                         long bucketsClosed) {
    }

    private final JobSpec job;
    private final ModelProvider provider;
    private final EngineConfig config;
    private final Clock clock;
    private final int shares;
    private final ToIntFunction<EntityKey> shareOf;

    /** One share: buckets close on the watermark of the whole input. */
    public OfflineScorer(JobSpec job, ModelProvider provider, EngineConfig config, Clock clock) {
        this(job, provider, config, clock, 1, key -> 0);
    }

    /**
     * @param shares  partitions of the events topic of the pipeline to reproduce
     * @param shareOf the partition an entity's events land in
     */
    public OfflineScorer(JobSpec job, ModelProvider provider, EngineConfig config, Clock clock, int shares,
                         ToIntFunction<EntityKey> shareOf) {
        this.shares = shares;
        this.shareOf = requireNonNull(shareOf, "shareOf is null");
        this.job = requireNonNull(job, "job is null");
        this.provider = requireNonNull(provider, "provider is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Result score(Iterable<NetworkEvent> events) {
        return score(events, r -> { });
    }

    /** An engine that splits its input as an events topic of {@code partitions} partitions keyed by entity does. */
    public static OfflineScorer forPartitions(JobSpec job, ModelProvider provider, EngineConfig config, Clock clock,
                                              int partitions) {
        ToIntFunction<String> partitionOf = KeyPartitions.forPartitions(partitions);
        return new OfflineScorer(job, provider, config, clock, partitions, key -> partitionOf.applyAsInt(key.kafkaKey()));
    }

    /** Scores the events, handing each record version to {@code sink} as it is emitted. */
    public Result score(Iterable<NetworkEvent> events, Consumer<AnomalyRecord> sink) {
        Session session = open(sink);
        for (NetworkEvent e : events) {
            session.accept(e);
        }
        return session.finish();
    }

    /** A push-style run, for callers whose input arrives through a callback (a parser's sink). */
    public Session open(Consumer<AnomalyRecord> sink) {
        return new Session(BucketEngine.create(job, provider, config, clock, shares, shareOf), requireNonNull(sink, "sink is null"));
    }

    /** One run: events in, then {@link #finish()} closes every bucket. */
    public static final class Session {
        private final BucketEngine engine;
        private final Consumer<AnomalyRecord> sink;
        private final List<AnomalyRecord> emitted = new ArrayList<>();
        private long events;

        private Session(BucketEngine engine, Consumer<AnomalyRecord> sink) {
            this.engine = engine;
            this.sink = sink;
        }

        public BucketEngine.Outcome accept(NetworkEvent event) {
            events++;
            BucketEngine.Outcome outcome = engine.accept(event);
            outcome.records().forEach(this::emit);
            return outcome;
        }

        private void emit(AnomalyRecord r) {
            emitted.add(r);
            sink.accept(r);
        }

        public long events() {
            return events;
        }

        public Result finish() {
            engine.closeAll().forEach(this::emit);
            LinkedHashMap<String, AnomalyRecord> latest = new LinkedHashMap<>();
            for (AnomalyRecord r : emitted) {
                if (!r.interim()) {
                    latest.merge(r.recordId(), r, (a, b) -> b.version() > a.version() ? b : a);
                }
            }
            return new Result(List.copyOf(emitted), List.copyOf(latest.values()), engine.lateEvents(),
                    engine.bucketsClosed());
        }
    }
}
