package io.netrare.scoring;

import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The engine over a finite input: every event in order, then every bucket closed. The reference the
 * Kafka pipeline is checked against.
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

    public OfflineScorer(JobSpec job, ModelProvider provider, EngineConfig config, Clock clock) {
        this.job = requireNonNull(job, "job is null");
        this.provider = requireNonNull(provider, "provider is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Result score(Iterable<NetworkEvent> events) {
        return score(events, r -> { });
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
        return new Session(BucketEngine.create(job, provider, config, clock), requireNonNull(sink, "sink is null"));
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
