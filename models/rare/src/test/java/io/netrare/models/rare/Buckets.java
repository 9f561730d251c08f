package io.netrare.models.rare;

import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;

import java.util.Set;
import java.util.TreeMap;

/** Test helpers: observations by bucket index. */
final class Buckets {
    static final JobSpec JOB = JobSpec.anchorDefault();
    static final long SPAN = JOB.bucketSpanMillis();
    static final long T0 = 1_700_000_100_000L / SPAN * SPAN;

    private Buckets() {
    }

    static long at(int index) {
        return T0 + index * SPAN;
    }

    static BucketObservation bucket(int index, String... byValues) {
        TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>();
        for (String v : byValues) {
            m.put(EntityKey.of(v), new BucketObservation.EntityActivity(1, Set.of("h1")));
        }
        return new BucketObservation(at(index), m);
    }

    static BucketObservation hostBucket(int index, String host, String... byValues) {
        TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>();
        for (String v : byValues) {
            m.put(new EntityKey(host, v), new BucketObservation.EntityActivity(1, Set.of(host)));
        }
        return new BucketObservation(at(index), m);
    }

    static RareModelConfig noDecay() {
        return new RareModelConfig(0, 1_000_000, 0.9, 0.035);
    }
}
