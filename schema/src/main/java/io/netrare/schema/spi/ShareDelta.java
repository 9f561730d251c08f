package io.netrare.schema.spi;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The state of a {@code delta} on the models topic: what one training share saw in one closed bucket.
 * The scoring service unions the deltas of every share to learn the bucket exactly as one instance would.
 *
 * @param sourcePosition the training consumer's position in the share's events partition when it closed the
 *                       bucket: every event of the bucket that was learned lies before it
 */
public record ShareDelta(@JsonProperty("source_position") long sourcePosition, List<Entry> entities) {

    public ShareDelta {
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    /**
     * One entity present in the bucket.
     *
     * @param count     its events in the bucket
     * @param hosts     the hosts it ran on, sorted: all of them, or, for a model that does not learn per host
     *                  ({@link ModelProvider#learnsHosts()}), the first few as examples
     * @param hostCount on how many hosts it ran, always exact (absent in deltas written before hosts were capped,
     *                  which list them all)
     */
    public record Entry(String partition, String by, long count, List<String> hosts,
                        @JsonProperty("host_count") long hostCount) {
        @JsonCreator
        public Entry {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
            hostCount = Math.max(hostCount, hosts.size());
        }

        public Entry(String partition, String by, long count, List<String> hosts) {
            this(partition, by, count, hosts, 0);
        }
    }

    /** The delta of a bucket, with every host of every entity. */
    public static ShareDelta of(BucketObservation observation, long sourcePosition) {
        return of(observation, sourcePosition, Integer.MAX_VALUE);
    }

    /**
     * The delta of a bucket, each entity with at most {@code maxHosts} of its hosts (the first in sorted order, so
     * the sample does not depend on the order events came in) and the exact number of them.
     */
    public static ShareDelta of(BucketObservation observation, long sourcePosition, int maxHosts) {
        if (maxHosts < 0) {
            throw new IllegalArgumentException("maxHosts must not be negative, was " + maxHosts);
        }
        List<Entry> entries = new ArrayList<>(observation.entities().size());
        observation.entities().forEach((key, activity) -> {
            TreeSet<String> sorted = new TreeSet<>(activity.hosts());
            List<String> hosts = sorted.size() <= maxHosts ? List.copyOf(sorted)
                    : sorted.stream().limit(maxHosts).toList();
            entries.add(new Entry(key.partitionValue(), key.byValue(), activity.eventCount(), hosts, sorted.size()));
        });
        return new ShareDelta(sourcePosition, entries);
    }

    /** Adds this share's entities of the bucket to {@code into} (shares hold disjoint entities). */
    public void addTo(Map<EntityKey, BucketObservation.EntityActivity> into) {
        for (Entry e : entities) {
            into.put(new EntityKey(e.partition(), e.by()),
                    new BucketObservation.EntityActivity(e.count(), java.util.Set.copyOf(e.hosts())));
        }
    }

    /** The bucket observation of one or more shares' deltas. */
    public static BucketObservation union(long bucketStart, List<ShareDelta> deltas) {
        Map<EntityKey, BucketObservation.EntityActivity> all = new TreeMap<>();
        deltas.forEach(d -> d.addTo(all));
        return BucketObservation.of(bucketStart, all);
    }
}
