package io.netrare.schema.spi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A model implementation, as the training and scoring services see it. Each implementation ships a
 * Guice module that binds its provider; the services load the one their config names.
 */
public interface ModelProvider {

    /** The name config uses to select this implementation. */
    String type();

    AnomalyModel create(JobSpec job);

    /** Rebuilds a model from {@link AnomalyModel#snapshot()}. */
    AnomalyModel restore(JobSpec job, JsonNode state);

    /**
     * Merges models that hold disjoint shares of the entities, all having learned up to the same bucket,
     * into the model one instance would have built from all the events.
     */
    AnomalyModel merge(JobSpec job, List<AnomalyModel> shares);

    ScoreNormalizer newNormalizer(JobSpec job);

    ScoreNormalizer restoreNormalizer(JobSpec job, JsonNode state);
}
