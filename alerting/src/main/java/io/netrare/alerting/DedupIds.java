package io.netrare.alerting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alert ids with the time each was first alerted, in the order they were added. Not thread-safe. */
final class DedupIds {

    private final LinkedHashMap<String, Instant> ids = new LinkedHashMap<>();

    boolean add(String alertId, Instant alertedAt) {
        return ids.putIfAbsent(alertId, alertedAt) == null;
    }

    boolean contains(String alertId) {
        return ids.containsKey(alertId);
    }

    boolean remove(String alertId) {
        return ids.remove(alertId) != null;
    }

    List<String> expireBefore(Instant cutoff) {
        List<String> expired = new ArrayList<>();
        Iterator<Map.Entry<String, Instant>> it = ids.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Instant> e = it.next();
            if (!e.getValue().isBefore(cutoff)) {
                break;
            }
            expired.add(e.getKey());
            it.remove();
        }
        return expired;
    }

    int size() {
        return ids.size();
    }
}
