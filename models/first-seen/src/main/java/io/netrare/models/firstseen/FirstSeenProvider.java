package io.netrare.models.firstseen;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.models.rare.NormalizedModelProvider;
import io.netrare.models.rare.NormalizerConfig;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;

import java.util.List;
import java.util.TreeMap;

/** The {@code first_seen} model implementation; it shares the rare model's normalizer. */
public final class FirstSeenProvider extends NormalizedModelProvider<FirstSeenModel, FirstSeenConfig> {

    /** The state format {@code FirstSeenModel.snapshot()} writes. */
    public static final int FORMAT_VERSION = 1;

    public FirstSeenProvider(FirstSeenConfig config, NormalizerConfig normalizerConfig) {
        super(FirstSeenModel.TYPE, FORMAT_VERSION, FirstSeenModel.class, "first_seen", config, normalizerConfig);
    }

    @Override
    public FirstSeenModel create(JobSpec job) {
        return new FirstSeenModel(job, config());
    }

    @Override
    public FirstSeenModel restore(JobSpec job, JsonNode state) {
        FirstSeenModel m = new FirstSeenModel(job, config());
        m.restore(state);
        return m;
    }

    @Override
    protected FirstSeenModel mergeModels(JobSpec job, List<FirstSeenModel> shares) {
        FirstSeenModel m = new FirstSeenModel(job, config());
        TreeMap<EntityKey, BucketObservation.EntityActivity> last = new TreeMap<>();
        for (FirstSeenModel share : shares) {
            FirstSeenModel copy = restore(job, share.snapshot());
            m.pairs.putAll(copy.pairs);
            m.evictions += copy.evictions;
            if (copy.firstLearned != Long.MIN_VALUE) {
                m.firstLearned = m.firstLearned == Long.MIN_VALUE ? copy.firstLearned : Math.min(m.firstLearned, copy.firstLearned);
                m.lastLearned = Math.max(m.lastLearned, copy.lastLearned);
            }
        }
        for (FirstSeenModel share : shares) {
            if (share.lastBucket().bucketStart() == m.lastLearned) {
                last.putAll(share.lastBucket().entities());
            }
        }
        m.lastBucket = new BucketObservation(m.lastLearned, last);
        return m;
    }
}
