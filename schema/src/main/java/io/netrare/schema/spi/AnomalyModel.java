package io.netrare.schema.spi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * One job's model, or one share of it (a training instance holds the share of the by values it
 * consumes; the scoring service merges every share into the whole model). Not thread-safe.
 *
 * <p>Contract: buckets are learned in increasing order; a bucket is learned before it is scored (as
 * the anchor does); empty buckets between two learned buckets still decay the model.
 */
public interface AnomalyModel {

    /** The implementation's name, as configured: rare, first_seen, peer_rare. */
    String type();

    /** Folds one closed bucket into the model. */
    void learn(BucketObservation bucket);

    /** Start of the last bucket learned, or {@link Long#MIN_VALUE} before any. */
    long lastLearnedBucket();

    /** What the last learned bucket held (the entities present in it), as learned. */
    BucketObservation lastBucket();

    /**
     * Scores every entity present in the bucket just learned. The list holds all of them, anomalous or
     * not, so that the normalizer sees every raw score.
     */
    List<ScoredEntity> score(BucketObservation bucket);

    /**
     * Scores an entity seen in a bucket that is still open, from the model as learned so far and what is
     * known of the open bucket. Empty when the entity is not anomalous.
     */
    Optional<ScoredEntity> scoreInterim(BucketObservation openBucketSoFar, EntityKey entity);

    /** Entities the model holds (for memory limits and metrics). */
    int entityCount();

    /** ok / soft_limit / hard_limit, as Elastic reports a job's memory status. */
    MemoryStatus memoryStatus();

    /** Entities evicted so far to stay under the cap. */
    long evictions();

    /**
     * How much history the model has learned: buckets from the first learned to the last, empty ones included (0
     * before any). Records scored while this is under the warm-up are marked as warming up. Models that do not
     * know report {@code Long.MAX_VALUE} (never warming up).
     */
    default long bucketsInModel() {
        return Long.MAX_VALUE;
    }

    /** The whole state, as JSON, so that {@link ModelProvider#restore} rebuilds an equal model. */
    JsonNode snapshot();

    /** Elastic's memory status of a job. */
    enum MemoryStatus { ok, soft_limit, hard_limit }
}
