package io.netrare.schema.spi;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What a bucket held, for learning and scoring: every entity present with its activity.
 * Entities are kept sorted so that iteration, and hence every floating-point sum over them, is
 * deterministic.
 */
public record BucketObservation(long bucketStart, SortedMap<EntityKey, EntityActivity> entities) {

    public BucketObservation {
        requireNonNull(entities, "entities is null");
        entities = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(entities));
    }

    public static BucketObservation of(long bucketStart, Map<EntityKey, EntityActivity> entities) {
        return new BucketObservation(bucketStart, new TreeMap<>(entities));
    }

    public static BucketObservation empty(long bucketStart) {
        return new BucketObservation(bucketStart, new TreeMap<>());
    }

    /** How one entity showed up in the bucket: how many events, and on which hosts. */
    public record EntityActivity(long eventCount, Set<String> hosts) {
        public EntityActivity {
            hosts = hosts == null ? Set.of() : Set.copyOf(hosts);
        }
    }
}
