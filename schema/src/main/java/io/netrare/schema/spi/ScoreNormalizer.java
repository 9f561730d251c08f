package io.netrare.schema.spi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Maps raw scores to 0-100 record scores over the history of raw scores (ml-cpp's normalizer). The
 * history is a pure function of the merged models, so every scoring instance keeps an identical one.
 */
public interface ScoreNormalizer {

    /** Adds every entity's raw score of one bucket, all shares included, to the history. */
    void observe(long bucketStart, List<ScoredEntity> bucketScores);

    /** The record score, 0 to 100, of a scored entity against the history as it stands now. */
    double normalize(ScoredEntity scored);

    JsonNode snapshot();
}
