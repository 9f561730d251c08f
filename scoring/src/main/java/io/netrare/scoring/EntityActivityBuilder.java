package io.netrare.scoring;

import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.BucketObservation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What one open bucket knows of one entity: counts, hosts, influencer values, first events. Influencer values
 * go to hash sets (cheap per event); a set that grows past four times the cap is pruned to its smallest values,
 * so the kept values, the smallest {@code maxValues} ones, do not depend on arrival order.
 */
final class EntityActivityBuilder {

    /** An influencer field: its name and its reader, looked up once per job instead of once per event. */
    record Influencer(String name, Function<NetworkEvent, String> reader) {
        /** The influencers of these field names, which NetworkEvent carries. */
        static List<Influencer> of(List<String> names) {
            return names.stream().map(n -> new Influencer(n, NetworkEvent.reader(n))).toList();
        }
    }

    long eventCount;
    final HashSet<String> hosts = new HashSet<>();
    final List<NetworkEvent> examples = new ArrayList<>();
    /** Version of the interim record emitted for this entity in this bucket, 0 if none. */
    long interimVersion;
    private int maxValues = Integer.MAX_VALUE;
    /** The influencers, as the first {@link #add} gave them, and each one's values (null until it has one). */
    private List<Influencer> fields = List.of();
    private HashSet<String>[] values;
    /**
     * The host and each field's value added last: events of one host or process come in runs, and decoding hands
     * out the same String for a repeated value, so a run costs one set insertion. A value the cap pruned can be
     * passed over too: it was larger than the values kept, so it is never among the smallest.
     */
    private String lastHost;
    private String[] lastValues;

    /** @param influencers the same at every call */
    void add(NetworkEvent e, List<Influencer> influencers, int maxValues, int maxExamples) {
        add(e, () -> e, influencers, maxValues, maxExamples);
    }

    /**
     * Adds an event read with only the fields the bucket needs (time, count, host, entity, influencers); {@code whole}
     * gives it with every field, asked only when it becomes one of the first {@code maxExamples} examples.
     *
     * @param influencers the same at every call
     */
    @SuppressWarnings("unchecked")
    void add(NetworkEvent e, java.util.function.Supplier<NetworkEvent> whole, List<Influencer> influencers, int maxValues,
             int maxExamples) {
        this.maxValues = maxValues;
        eventCount += e.count();
        String host = e.host().name();
        if (host != null && host != lastHost) {
            hosts.add(host);
            lastHost = host;
        }
        if (values == null) {
            fields = influencers;
            values = new HashSet[fields.size()];
            lastValues = new String[fields.size()];
        }
        for (int i = 0; i < values.length; i++) {
            String value = fields.get(i).reader().apply(e);
            if (value == null || value.isEmpty() || value == lastValues[i]) {
                continue;
            }
            lastValues[i] = value;
            HashSet<String> set = values[i];
            if (set == null) {
                set = new HashSet<>();
                values[i] = set;
            }
            if (set.add(value) && set.size() > 4 * maxValues) {
                List<String> keep = new ArrayList<>(new TreeSet<>(set)).subList(0, maxValues);
                set.retainAll(new HashSet<>(keep));
            }
        }
        if (examples.size() < maxExamples) {
            examples.add(whole.get());
        }
    }

    /** Influencer values per field, sorted, the smallest {@code maxValues} of each. */
    Map<String, List<String>> influencerValues() {
        TreeMap<String, List<String>> out = new TreeMap<>();
        for (int i = 0; values != null && i < values.length; i++) {
            if (values[i] != null) {
                List<String> sorted = new ArrayList<>(new TreeSet<>(values[i]));
                out.put(fields.get(i).name(), List.copyOf(sorted.subList(0, Math.min(maxValues, sorted.size()))));
            }
        }
        return out;
    }

    BucketObservation.EntityActivity activity() {
        return new BucketObservation.EntityActivity(eventCount, hosts);
    }
}
