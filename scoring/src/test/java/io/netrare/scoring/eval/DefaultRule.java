package io.netrare.scoring.eval;

import io.netrare.schema.AnomalyRecord;

/** What the default alert rule holds back besides scores under its threshold. */
final class DefaultRule {

    private DefaultRule() {
    }

    static boolean holdsBack(AnomalyRecord r) {
        return false;
    }
}
