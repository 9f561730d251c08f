package io.netrare.scoring.eval;

import io.netrare.schema.AnomalyRecord;

/** What the default alert rule holds back besides scores under its threshold (as the alerting engine does). */
final class DefaultRule {

    private DefaultRule() {
    }

    static boolean holdsBack(AnomalyRecord r) {
        return r.explanation() != null && (r.explanation().isWarmingUp() || r.explanation().suppressedBy() != null);
    }
}
