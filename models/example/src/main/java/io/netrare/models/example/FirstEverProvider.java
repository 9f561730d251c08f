package io.netrare.models.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.schema.spi.ScoreNormalizer;
import io.netrare.schema.spi.ScoredEntity;

import java.util.List;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** Creates, restores and merges {@code first_ever} models. */
final class FirstEverProvider implements ModelProvider {

    /** Raise when {@code FirstEverModel.snapshot()} changes so that an old snapshot no longer restores equal. */
    static final int FORMAT_VERSION = 1;

    private final FirstEverConfig config;

    FirstEverProvider(FirstEverConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public String type() {
        return FirstEverModel.TYPE;
    }

    @Override
    public int formatVersion() {
        return FORMAT_VERSION;
    }

    @Override
    public AnomalyModel create(JobSpec job) {
        return new FirstEverModel(config);
    }

    @Override
    public AnomalyModel restore(JobSpec job, JsonNode state) {
        FirstEverModel m = new FirstEverModel(config);
        m.restore(state);
        return m;
    }

    /** Shares hold disjoint entities: the union of what they have seen, and of the last bucket. */
    @Override
    public AnomalyModel merge(JobSpec job, List<AnomalyModel> shares) {
        FirstEverModel merged = new FirstEverModel(config);
        for (AnomalyModel share : shares) {
            FirstEverModel f = (FirstEverModel) restore(job, share.snapshot());
            merged.seen.addAll(f.seen);
            merged.bucketsLearned = Math.max(merged.bucketsLearned, f.bucketsLearned);
            merged.lastLearned = Math.max(merged.lastLearned, f.lastLearned);
        }
        TreeMap<EntityKey, BucketObservation.EntityActivity> last = new TreeMap<>();
        for (AnomalyModel share : shares) {
            FirstEverModel f = (FirstEverModel) share;
            if (f.lastLearned == merged.lastLearned) {
                last.putAll(f.lastBucket.entities());
                merged.newInLast.addAll(f.newInLast);
            }
        }
        merged.lastBucket = new BucketObservation(merged.lastLearned, last);
        return merged;
    }

    @Override
    public ScoreNormalizer newNormalizer(JobSpec job) {
        return new FixedNormalizer();
    }

    @Override
    public ScoreNormalizer restoreNormalizer(JobSpec job, JsonNode state) {
        return new FixedNormalizer();
    }

    /** No history: a first-ever entity scores 75 (raw score 3 at p = 0.001), anything else 0. */
    static final class FixedNormalizer implements ScoreNormalizer {
        @Override
        public void observe(long bucketStart, List<ScoredEntity> bucketScores) {
        }

        @Override
        public double normalize(ScoredEntity scored) {
            return Math.min(100, 25 * scored.rawScore());
        }

        @Override
        public JsonNode snapshot() {
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
