package io.netrare.alerting;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netrare.schema.Alert;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One entry of the alerting state: an alert id the engine now knows (raised, or folded into a surviving
 * alert, or held back by a rate limit), and for suppressed rules the group and its current survivor. The
 * service writes one per RAISED, SUPPRESSED or RATE_LIMITED decision to the state topic, in the transaction that publishes the alert, and
 * replays them into a fresh engine with {@link AlertEngine#restore} on start.
 *
 * @param group     the suppression group key (values per group-by field), null without suppression
 * @param survivor  the group's surviving alert with its count after this decision, null without suppression
 * @param alertedAt when the id was first alerted (the engine's clock); the dedup horizon counts from it. Null in
 *                  entries written before it existed: such an entry counts from when it is restored
 */
public record AlertState(
        @JsonProperty("alert_id") String alertId,
        @JsonProperty("rule_id") String ruleId,
        @JsonProperty("job_id") String jobId,
        @JsonProperty("record_id") String recordId,
        Decision.Outcome outcome,
        List<List<String>> group,
        Alert survivor,
        @JsonProperty("alerted_at") Instant alertedAt) {

    public AlertState {
        requireNonNull(alertId, "alertId is null");
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(outcome, "outcome is null");
    }
}
