package io.netrare.models.firstseen;

import io.netrare.models.rare.Normalizer;
import io.netrare.models.rare.NormalizerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.schema.spi.ScoreNormalizer;

import java.util.List;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** The {@code first_seen} model implementation; it shares the rare model's normalizer. */
public final class FirstSeenProvider implements ModelProvider {

    private final FirstSeenConfig config;
    private final NormalizerConfig normalizerConfig;

    public FirstSeenProvider(FirstSeenConfig config, NormalizerConfig normalizerConfig) {
        this.config = requireNonNull(config, "config is null");
        this.normalizerConfig = requireNonNull(normalizerConfig, "normalizerConfig is null");
    }

    /** The state format {@code FirstSeenModel.snapshot()} writes. */
    public static final int FORMAT_VERSION = 1;

    @Override
    public String type() {
        return FirstSeenModel.TYPE;
    }

    @Override
    public int formatVersion() {
        return FORMAT_VERSION;
    }

    @Override
    public FirstSeenModel create(JobSpec job) {
        return new FirstSeenModel(job, config);
    }

    @Override
    public FirstSeenModel restore(JobSpec job, JsonNode state) {
        FirstSeenModel m = new FirstSeenModel(job, config);
        m.restore(state);
        return m;
    }

    @Override
    public FirstSeenModel merge(JobSpec job, List<AnomalyModel> shares) {
        FirstSeenModel m = new FirstSeenModel(job, config);
        TreeMap<EntityKey, BucketObservation.EntityActivity> last = new TreeMap<>();
        for (AnomalyModel share : shares) {
            if (!(share instanceof FirstSeenModel f)) {
                throw new IllegalArgumentException("cannot merge a " + share.type() + " model into first_seen");
            }
            FirstSeenModel copy = restore(job, f.snapshot());
            m.pairs.putAll(copy.pairs);
            m.evictions += copy.evictions;
            if (copy.firstLearned != Long.MIN_VALUE) {
                m.firstLearned = m.firstLearned == Long.MIN_VALUE ? copy.firstLearned : Math.min(m.firstLearned, copy.firstLearned);
                m.lastLearned = Math.max(m.lastLearned, copy.lastLearned);
            }
        }
        for (AnomalyModel share : shares) {
            if (share.lastBucket().bucketStart() == m.lastLearned) {
                last.putAll(share.lastBucket().entities());
            }
        }
        m.lastBucket = new BucketObservation(m.lastLearned, last);
        return m;
    }

    @Override
    public ScoreNormalizer newNormalizer(JobSpec job) {
        return new Normalizer(normalizerConfig, job.bucketSpan());
    }

    @Override
    public ScoreNormalizer restoreNormalizer(JobSpec job, JsonNode state) {
        return Normalizer.restore(normalizerConfig, job.bucketSpan(), state);
    }
}
