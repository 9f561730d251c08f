package io.netrare.alerting;

import io.netrare.schema.Alert;

/**
 * What one rule made of one record.
 *
 * @param state the state entry to persist (RAISED, SUPPRESSED, RATE_LIMITED), else null
 * @param alert the alert to publish for {@link Outcome#RAISED} and {@link Outcome#SUPPRESSED} (the
 *              survivor with its new count), else null
 */
public record Decision(Outcome outcome, String ruleId, String alertId, Alert alert, AlertState state) {

    public Decision(Outcome outcome, String ruleId, String alertId, Alert alert) {
        this(outcome, ruleId, alertId, alert, null);
    }

    /** The possible outcomes, in the order the checks run. */
    public enum Outcome {
        /** the record is of a job the rule does not watch */
        NOT_WATCHED,
        /** an interim record and the rule does not stream */
        INTERIM_SKIPPED,
        /** record_score below anomaly_threshold */
        BELOW_THRESHOLD,
        /** scored while the model was warming up ({@code explanation.warming_up}), or an audit record of a candidate
         *  the model held back ({@code explanation.suppressed_by}): written for analysts, never alerted on */
        NOT_ALERTABLE,
        /** this (rule, record) has alerted already: a renormalized update, a final after an interim, a replay */
        DUPLICATE,
        /** matched an exception item */
        EXCEPTED,
        /** folded into the group's surviving alert, which is re-published with a higher suppressed_count */
        SUPPRESSED,
        /** held back by the rule's rate limit: remembered and counted; the next alert let through says how many */
        RATE_LIMITED,
        /** a new alert */
        RAISED
    }

    public boolean publishes() {
        return alert != null;
    }
}
