package io.netrare.scoring;

import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Explanation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ScoredEntity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Builds {@link AnomalyRecord}s with Elastic's record fields and netrare's stable record id. */
public final class RecordFactory {

    private final JobSpec job;
    private final String modelType;

    public RecordFactory(JobSpec job, String modelType) {
        this.job = requireNonNull(job, "job is null");
        this.modelType = requireNonNull(modelType, "modelType is null");
    }

    /** The same id for the interim, final and renormalized versions: sha-256 of job|partition|bucket|by, 32 hex digits. */
    public static String recordId(String jobId, EntityKey entity, long bucketStart) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String text = jobId + '|' + entity.partitionValue() + '|' + bucketStart + '|' + entity.byValue();
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    AnomalyRecord build(ScoredEntity scored, EntityActivityBuilder activity, double recordScore, long version,
                        boolean interim, Instant now) {
        EntityKey key = scored.entity();
        List<AnomalyRecord.Influencer> influencers = new ArrayList<>();
        if (activity != null) {
            activity.influencerValues().forEach((field, values) ->
                    influencers.add(new AnomalyRecord.Influencer(field, values)));
        }
        Explanation explanation = scored.explanation();
        if (explanation != null && activity != null) {
            explanation = explanation.withExampleEvents(activity.examples.stream().map(Explanation.ExampleEvent::of).toList());
        }
        return new AnomalyRecord(AnomalyRecord.SCHEMA_VERSION, recordId(job.jobId(), key, scored.bucketStart()), version,
                job.jobId(), AnomalyRecord.RESULT_TYPE, scored.bucketStart(), job.bucketSpan().toSeconds(), 0,
                job.function(), job.function(), job.byFieldName(), key.byValue(), job.partitionFieldName(),
                job.partitionFieldName() == null ? null : key.partitionValue(), scored.probability(), recordScore,
                recordScore, interim, influencers, modelType, explanation, now);
    }

}
