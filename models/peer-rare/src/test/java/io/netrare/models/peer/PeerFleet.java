package io.netrare.models.peer;

import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Test helper: builds buckets (day-aligned, 96 a day) of processes on hosts. */
final class PeerFleet {
    static final JobSpec JOB = JobSpec.anchorDefault();
    static final long SPAN = JOB.bucketSpanMillis();
    static final long DAY = 96;
    /** Midnight UTC, so that bucket 8 of a day is 02:00. */
    static final long T0 = 1_764_547_200_000L;

    private final Map<String, Set<String>> entities = new TreeMap<>();

    static long at(long index) {
        return T0 + index * SPAN;
    }

    PeerFleet run(String process, String... hosts) {
        entities.computeIfAbsent(process, p -> new HashSet<>()).addAll(Set.of(hosts));
        return this;
    }

    BucketObservation bucket(long index) {
        TreeMap<EntityKey, BucketObservation.EntityActivity> m = new TreeMap<>();
        entities.forEach((p, hosts) -> m.put(EntityKey.of(p), new BucketObservation.EntityActivity(hosts.size(), hosts)));
        return new BucketObservation(at(index), m);
    }

    /** Background: web hosts w1..w4 run nginx and node, db hosts d1..d3 run postgres, all run sshd and chronyd. */
    static PeerFleet background() {
        return new PeerFleet().run("nginx", "w1", "w2", "w3", "w4").run("node", "w1", "w2", "w3", "w4")
                .run("postgres", "d1", "d2", "d3").run("sshd", "w1", "w2", "w3", "w4", "d1", "d2", "d3", "x1")
                .run("chronyd", "w1", "w2", "w3", "w4", "d1", "d2", "d3", "x1").run("redis-server", "x1");
    }
}
