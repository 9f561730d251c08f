package io.netrare.scoring;

import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.BucketObservation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one open bucket knows of one entity: counts, hosts, influencer values, first events. Influencer values
 * go to hash sets (cheap per event); a set that grows past four times the cap is pruned to its smallest values,
 * so the kept values, the smallest {@code maxValues} ones, do not depend on arrival order.
 */
final class EntityActivityBuilder {
    long eventCount;
    final HashSet<String> hosts = new HashSet<>();
    private final Map<String, HashSet<String>> influencers = new HashMap<>();
    final List<NetworkEvent> examples = new ArrayList<>();
    /** Version of the interim record emitted for this entity in this bucket, 0 if none. */
    long interimVersion;
    private int maxValues = Integer.MAX_VALUE;

    /** @param influencerFields fields NetworkEvent carries */
    void add(NetworkEvent e, List<String> influencerFields, int maxValues, int maxExamples) {
        this.maxValues = maxValues;
        eventCount += e.count();
        if (e.host().name() != null) {
            hosts.add(e.host().name());
        }
        for (String field : influencerFields) {
            String value = e.field(field); // fields checked once by BucketAccumulator
            if (value == null || value.isEmpty()) {
                continue;
            }
            HashSet<String> values = influencers.computeIfAbsent(field, f -> new HashSet<>());
            if (values.add(value) && values.size() > 4 * maxValues) {
                List<String> keep = new ArrayList<>(new TreeSet<>(values)).subList(0, maxValues);
                values.retainAll(new HashSet<>(keep));
            }
        }
        if (examples.size() < maxExamples) {
            examples.add(e);
        }
    }

    /** Influencer values per field, sorted, the smallest {@code maxValues} of each. */
    Map<String, List<String>> influencerValues() {
        TreeMap<String, List<String>> out = new TreeMap<>();
        influencers.forEach((field, values) -> {
            List<String> sorted = new ArrayList<>(new TreeSet<>(values));
            out.put(field, List.copyOf(sorted.subList(0, Math.min(maxValues, sorted.size()))));
        });
        return out;
    }

    BucketObservation.EntityActivity activity() {
        return new BucketObservation.EntityActivity(eventCount, hosts);
    }
}
