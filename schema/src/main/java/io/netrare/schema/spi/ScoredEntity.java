package io.netrare.schema.spi;

import io.netrare.schema.Explanation;

import static java.util.Objects.requireNonNull;

/**
 * A model's verdict on one entity in one bucket, before normalization.
 *
 * @param probability the probability of seeing something this rare, in (0, 1]
 * @param rawScore    the unnormalized anomaly score (ml-cpp's map from probability), >= 0
 * @param anomalous   true when the model would write a record (e.g. probability below the cut-off)
 */
public record ScoredEntity(EntityKey entity, long bucketStart, double probability, double rawScore,
                           boolean anomalous, Explanation explanation) {
    public ScoredEntity {
        requireNonNull(entity, "entity is null");
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1], was " + probability);
        }
    }
}
