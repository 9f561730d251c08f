package io.netrare.schema.spi;

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

    /** One entity present in the bucket. */
    public record Entry(String partition, String by, long count, List<String> hosts) {
        public Entry {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }
    }

    public static ShareDelta of(BucketObservation observation, long sourcePosition) {
        List<Entry> entries = new ArrayList<>(observation.entities().size());
        observation.entities().forEach((key, activity) -> entries.add(new Entry(key.partitionValue(), key.byValue(),
                activity.eventCount(), List.copyOf(new TreeSet<>(activity.hosts())))));
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
