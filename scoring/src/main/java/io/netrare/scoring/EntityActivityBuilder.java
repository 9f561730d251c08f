package io.netrare.scoring;

import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.BucketObservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What one open bucket knows of one entity: counts, hosts, influencer values (sorted, capped), first events. */
final class EntityActivityBuilder {
    long eventCount;
    final TreeSet<String> hosts = new TreeSet<>();
    final Map<String, TreeSet<String>> influencers = new TreeMap<>();
    final List<NetworkEvent> examples = new ArrayList<>();
    /** Version of the interim record emitted for this entity in this bucket, 0 if none. */
    long interimVersion;

    void add(NetworkEvent e, List<String> influencerFields, int maxValues, int maxExamples) {
        eventCount += e.count();
        if (e.host().name() != null) {
            hosts.add(e.host().name());
        }
        for (String field : influencerFields) {
            String value = NetworkEvent.hasField(field) ? e.field(field) : null;
            if (value == null || value.isEmpty()) {
                continue;
            }
            TreeSet<String> values = influencers.computeIfAbsent(field, f -> new TreeSet<>());
            values.add(value);
            if (values.size() > maxValues) {
                // keep the smallest values so the kept set does not depend on arrival order
                values.pollLast();
            }
        }
        if (examples.size() < maxExamples) {
            examples.add(e);
        }
    }

    BucketObservation.EntityActivity activity() {
        return new BucketObservation.EntityActivity(eventCount, hosts);
    }
}
