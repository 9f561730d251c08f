package io.netrare.schema.spi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A model implementation, as the training and scoring services see it. Each implementation ships a
 * {@link ModelPlugin} that builds its provider from the job's settings; the services load the one their
 * config names.
 */
public interface ModelProvider {

    /** The name config uses to select this implementation. */
    String type();

    /**
     * The version of the state format {@link AnomalyModel#snapshot()} writes and {@link #restore} reads. Raise it
     * whenever a snapshot of the previous format would no longer restore into an equal model: the models topic
     * records it beside the type, and a training service refuses to restore a snapshot of another type or
     * version ({@link SnapshotCheck}).
     */
    int formatVersion();

    /**
     * Whether the model learns which hosts an entity ran on (per-host state, as {@code first_seen} and
     * {@code peer_rare} keep), rather than only that it ran and how often. When it does not, the training service
     * publishes with each entity of a delta its exact host count but only a few of its hosts, as examples
     * ({@code training.delta_example_hosts}), and the model learns the delta as published. Defaults to true (every
     * host is published).
     */
    default boolean learnsHosts() {
        return true;
    }

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
