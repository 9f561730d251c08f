package io.netrare.alerting;

import io.netrare.alerting.service.AlertingMetrics;
import io.netrare.alerting.rules.Rule;
import io.netrare.schema.Alert;
import io.netrare.schema.AnomalyRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Applies every rule to each anomaly record, as Elastic's ML rule does (record results of the rule's
 * jobs, {@code record_score >= anomaly_threshold}, interim records only when streaming), but per record
 * as it arrives rather than on a schedule over a lookback window, so a late record is never missed.
 * One alert per (rule, record), ever: the dedup store is keyed by an id that leaves the version out.
 * Not thread-safe: one engine per consuming thread (suppression keeps per-rule state).
 */
public final class AlertEngine {

    private final List<Rule> rules;
    private final DedupStore dedup;
    private final Clock clock;
    private final AlertingMetrics metrics;
    private final Map<String, ExceptionMatcher> exceptions = new LinkedHashMap<>();
    private final Map<String, Suppressor> suppressors = new LinkedHashMap<>();
    private final Map<String, RateLimiter> rateLimiters = new LinkedHashMap<>();

    public AlertEngine(List<Rule> rules, DedupStore dedup, Clock clock, AlertingMetrics metrics) {
        this.rules = List.copyOf(requireNonNull(rules, "rules is null"));
        this.dedup = requireNonNull(dedup, "dedup is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        for (Rule rule : this.rules) {
            exceptions.put(rule.ruleId(), new ExceptionMatcher(rule.netrare().exceptions()));
            if (rule.netrare().suppression() != null) {
                suppressors.put(rule.ruleId(), new Suppressor(rule.netrare().suppression()));
            }
            if (rule.netrare().rateLimit() != null) {
                rateLimiters.put(rule.ruleId(), new RateLimiter(rule.netrare().rateLimit()));
            }
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    /** One decision per rule. */
    public List<Decision> evaluate(AnomalyRecord record) {
        requireNonNull(record, "record is null");
        List<Decision> decisions = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            decisions.add(evaluate(rule, record));
        }
        return decisions;
    }

    /** The alerts to publish for a record (new alerts and updated suppression survivors). */
    public List<Alert> alertsFor(AnomalyRecord record) {
        return evaluate(record).stream().filter(Decision::publishes).map(Decision::alert).toList();
    }

    private Decision evaluate(Rule rule, AnomalyRecord record) {
        String ruleId = rule.ruleId();
        if (!AnomalyRecord.RESULT_TYPE.equals(record.resultType()) || !rule.watches(record.jobId())) {
            return new Decision(Decision.Outcome.NOT_WATCHED, ruleId, null, null);
        }
        if (record.interim() && !rule.netrare().streamingAlerts()) {
            return new Decision(Decision.Outcome.INTERIM_SKIPPED, ruleId, null, null);
        }
        if (record.recordScore() < rule.anomalyThreshold()) {
            return new Decision(Decision.Outcome.BELOW_THRESHOLD, ruleId, null, null);
        }
        if (record.explanation() != null
                && (record.explanation().isWarmingUp() || record.explanation().suppressedBy() != null)) {
            return new Decision(Decision.Outcome.NOT_ALERTABLE, ruleId, null, null);
        }
        String alertId = AlertIds.of(ruleId, record.jobId(), record.recordId());
        if (dedup.contains(alertId)) {
            metrics.duplicate(ruleId);
            return new Decision(Decision.Outcome.DUPLICATE, ruleId, alertId, null);
        }
        if (exceptions.get(ruleId).match(record).isPresent()) {
            // not remembered: if the exception is removed, a later update of the record may still alert
            metrics.excepted(ruleId);
            return new Decision(Decision.Outcome.EXCEPTED, ruleId, alertId, null);
        }
        Instant now = clock.instant();
        Alert alert = AlertFactory.create(rule, record, now);
        dedup.add(alertId, now);
        Suppressor suppressor = suppressors.get(ruleId);
        List<List<String>> group = null;
        if (suppressor != null) {
            Suppressor.Offer offer = suppressor.offer(alert, record, now);
            group = offer.group();
            if (!offer.survived()) {
                metrics.suppressed(ruleId);
                return new Decision(Decision.Outcome.SUPPRESSED, ruleId, alertId, offer.alert(),
                        new AlertState(alertId, ruleId, record.jobId(), record.recordId(),
                                Decision.Outcome.SUPPRESSED, group, offer.alert(), now));
            }
        }
        RateLimiter limiter = rateLimiters.get(ruleId);
        if (limiter != null) {
            RateLimiter.Admission admission = limiter.admit(now, RecordFields.values(record, "process.name"));
            if (!admission.allowed()) {
                metrics.rateLimited(ruleId);
                return new Decision(Decision.Outcome.RATE_LIMITED, ruleId, alertId, null, new AlertState(alertId,
                        ruleId, record.jobId(), record.recordId(), Decision.Outcome.RATE_LIMITED, null, null, now));
            }
            if (admission.heldBefore() > 0) {
                alert = AlertFactory.create(rule, record, now, ReasonLine.heldBack(admission.heldBefore(),
                        admission.examples(), rule.netrare().rateLimit()));
            }
        }
        metrics.alertRaised(ruleId, alert.severity());
        if (alert.late()) {
            metrics.late(ruleId);
        }
        return new Decision(Decision.Outcome.RAISED, ruleId, alertId, alert, new AlertState(alertId, ruleId,
                record.jobId(), record.recordId(), Decision.Outcome.RAISED, group, group == null ? null : alert, now));
    }

    /**
     * Forgets the alert ids first alerted more than {@code horizon} before now (the injected clock) and returns
     * them, oldest first: their state entries are to be tombstoned. A record of such an id would alert again.
     */
    public List<String> expire(Duration horizon) {
        return dedup.expireBefore(clock.instant().minus(horizon));
    }

    /** Forgets an alert id whose state entry was tombstoned (read back on restore). */
    public void forget(String alertId) {
        dedup.remove(alertId);
    }

    /**
     * Replays a persisted state entry (from the state topic, in order) into this engine: the alert id
     * becomes known (first alerted when the entry says, or now for an entry without the time), and a
     * suppression group gets its survivor back. Entries of rules no longer configured only restore the id.
     */
    public void restore(AlertState state) {
        requireNonNull(state, "state is null");
        dedup.add(state.alertId(), state.alertedAt() == null ? clock.instant() : state.alertedAt());
        Suppressor suppressor = suppressors.get(state.ruleId());
        if (suppressor != null && state.group() != null && state.survivor() != null) {
            suppressor.restore(state.group(), state.survivor());
        }
    }
}
