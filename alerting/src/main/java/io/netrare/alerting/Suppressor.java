package io.netrare.alerting;

import io.netrare.alerting.rules.NetrareExtensions.Suppression;
import io.netrare.schema.Alert;
import io.netrare.schema.AnomalyRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A rule's suppression: alerts grouped by the values of {@code group_by} fields; within a window the
 * first alert of a group survives and every later one is folded into it, raising its suppressed count.
 * Windows run on the anomalies' bucket times, not the wall clock, so a replay groups exactly as the
 * live run did. A record lacking a group-by field forms its group with the empty value.
 */
public final class Suppressor {

    private final Suppression suppression;
    private final Map<List<List<String>>, Group> groups = new HashMap<>();
    private Instant newest = Instant.EPOCH;

    /** The surviving alert of a group and when its window opened. */
    private static final class Group {
        Alert survivor;
        final Instant windowStart;

        Group(Alert survivor) {
            this.survivor = survivor;
            this.windowStart = survivor.originalTime();
        }
    }

    public Suppressor(Suppression suppression) {
        this.suppression = requireNonNull(suppression, "suppression is null");
    }

    /**
     * Offers a new alert. Returns the alert itself when it survives (first of its group in the window), or
     * the group's survivor carrying one more suppressed alert, stamped {@code now}.
     */
    public Offer offer(Alert alert, AnomalyRecord record, Instant now) {
        List<List<String>> key = groupKey(record);
        Instant time = alert.originalTime();
        if (time.isAfter(newest)) {
            newest = time;
            evictBefore(newest.minus(suppression.window().multipliedBy(2)));
        }
        Group group = groups.get(key);
        if (group != null && within(group.windowStart, time, suppression.window())) {
            group.survivor = group.survivor.withSuppressedCount(group.survivor.suppressedCount() + 1, now);
            return new Offer(false, group.survivor, key);
        }
        groups.put(key, new Group(alert));
        return new Offer(true, alert, key);
    }

    /** The group of a record: the sorted values of each group-by field. */
    public List<List<String>> groupKey(AnomalyRecord record) {
        List<List<String>> key = new ArrayList<>();
        for (String field : suppression.groupBy()) {
            key.add(RecordFields.values(record, field).stream().sorted().toList());
        }
        return key;
    }

    /** Restores a group from the state topic; later entries of a group replace earlier ones. */
    public void restore(List<List<String>> key, Alert survivor) {
        Group existing = groups.get(key);
        if (existing != null && existing.survivor.alertId().equals(survivor.alertId())) {
            existing.survivor = survivor;
        } else {
            groups.put(List.copyOf(key), new Group(survivor));
        }
        if (survivor.originalTime().isAfter(newest)) {
            newest = survivor.originalTime();
        }
    }

    /** Outcome of an offer: {@code survived} false means {@code alert} is the updated survivor. */
    public record Offer(boolean survived, Alert alert, List<List<String>> group) {
    }

    private static boolean within(Instant start, Instant time, Duration window) {
        return Duration.between(start, time).abs().compareTo(window) < 0;
    }

    private void evictBefore(Instant cutoff) {
        groups.values().removeIf(g -> g.windowStart.isBefore(cutoff));
    }

    int groupCount() {
        return groups.size();
    }
}
