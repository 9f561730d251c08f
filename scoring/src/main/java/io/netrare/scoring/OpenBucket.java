package io.netrare.scoring;

import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A bucket still collecting events: per entity, its activity so far. */
public final class OpenBucket {
    final long start;
    final Map<EntityKey, EntityActivityBuilder> entities = new HashMap<>();

    OpenBucket(long start) {
        this.start = start;
    }

    public long start() {
        return start;
    }

    /** What the bucket held, as a model learns it. */
    public BucketObservation observation() {
        TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>();
        entities.forEach((k, v) -> m.put(k, v.activity()));
        return new BucketObservation(start, m);
    }
}
