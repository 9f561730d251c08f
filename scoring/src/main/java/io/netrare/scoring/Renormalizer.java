package io.netrare.scoring;

import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.spi.ScoreNormalizer;
import io.netrare.schema.spi.ScoredEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the final records of the renormalization window and re-emits those whose record score moved by at
 * least the configured change, with a higher version; initial_record_score is never touched.
 */
final class Renormalizer {

    private record Kept(AnomalyRecord record, ScoredEntity scored) {
    }

    private final long windowMillis;
    private final double minChange;
    /** Insertion order is bucket order, so pruning stops at the first record inside the window. */
    private final LinkedHashMap<String, Kept> kept = new LinkedHashMap<>();

    Renormalizer(long windowMillis, double minChange) {
        this.windowMillis = windowMillis;
        this.minChange = minChange;
    }

    void keep(AnomalyRecord record, ScoredEntity scored) {
        kept.put(record.recordId(), new Kept(record, scored));
    }

    List<AnomalyRecord> renormalize(long closedBucket, ScoreNormalizer normalizer, Instant now) {
        List<AnomalyRecord> updates = new ArrayList<>();
        Iterator<Map.Entry<String, Kept>> it = kept.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Kept> e = it.next();
            Kept k = e.getValue();
            if (k.record().timestamp() < closedBucket - windowMillis) {
                it.remove();
                continue;
            }
            if (k.record().timestamp() >= closedBucket) {
                continue;
            }
            double score = normalizer.normalize(k.scored());
            if (Math.abs(score - k.record().recordScore()) >= minChange) {
                AnomalyRecord updated = k.record().withUpdate(k.record().version() + 1, score, false, now);
                e.setValue(new Kept(updated, k.scored()));
                updates.add(updated);
            }
        }
        return updates;
    }

    int size() {
        return kept.size();
    }
}
