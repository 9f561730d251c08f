package io.netrare.alerting.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Every meter of the alerting service. Prometheus names: {@code netrare_alerting_alerts_total{rule,severity}},
 * {@code netrare_alerting_suppressed_total{rule}}, {@code netrare_alerting_excepted_total{rule}},
 * {@code netrare_alerting_late_total{rule}}, {@code netrare_alerting_duplicates_total{rule}},
 * {@code netrare_alerting_sink_deliveries_total{sink}}, {@code netrare_alerting_sink_failures_total{sink}},
 * {@code netrare_alerting_sink_dead_letters_total{sink}}, {@code netrare_alerting_sink_auth_failures_total{sink}},
 * {@code netrare_alerting_sink_held_alerts{sink}} (alerts held while the receiver refuses the credentials),
 * {@code netrare_alerting_rate_limited_total{rule}}, {@code netrare_alerting_delivery_latency_seconds{sink}}
 * (alert raised to delivered), {@code netrare_alerting_dedup_entries} (alert ids held) and
 * {@code netrare_alerting_dedup_expired_total} (alert ids forgotten past the dedup horizon).
 */
public final class AlertingMetrics {

    private final MeterRegistry registry;

    public AlertingMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void alertRaised(String ruleId, String severity) {
        Counter.builder("netrare.alerting.alerts").description("alerts raised, by rule and severity")
                .tags("rule", ruleId, "severity", severity).register(registry).increment();
    }

    public void suppressed(String ruleId) {
        count("netrare.alerting.suppressed", "alerts folded into a surviving alert by suppression", "rule", ruleId);
    }

    public void excepted(String ruleId) {
        count("netrare.alerting.excepted", "anomalies over threshold that matched an exception", "rule", ruleId);
    }

    public void late(String ruleId) {
        count("netrare.alerting.late", "alerts raised on records later than the rule's lookback", "rule", ruleId);
    }

    public void duplicate(String ruleId) {
        count("netrare.alerting.duplicates", "records whose alert was already raised (updates, replays)", "rule", ruleId);
    }

    public void delivered(String sink, Duration latency) {
        count("netrare.alerting.sink.deliveries", "alerts delivered, by sink", "sink", sink);
        Timer.builder("netrare.alerting.delivery.latency").description("time from alert raised to delivered")
                .tags("sink", sink).register(registry).record(latency.isNegative() ? Duration.ZERO : latency);
    }

    public void deliveryFailed(String sink) {
        count("netrare.alerting.sink.failures", "failed delivery attempts, by sink", "sink", sink);
    }

    public void deadLettered(String sink) {
        count("netrare.alerting.sink.dead.letters", "alerts given up on and sent to the dead-letter output", "sink", sink);
    }

    public void authFailure(String sink) {
        count("netrare.alerting.sink.auth.failures", "attempts the receiver refused for their credentials (HTTP 401, 403)",
                "sink", sink);
    }

    /** Registers the gauge of alerts a sink holds back while its receiver refuses the credentials. */
    public void heldAlerts(String sink, IntSupplier held) {
        Gauge.builder("netrare.alerting.sink.held.alerts", held::getAsInt)
                .description("alerts held while the receiver refuses the credentials").tags("sink", sink)
                .register(registry);
    }

    public void rateLimited(String ruleId) {
        count("netrare.alerting.rate.limited", "alerts held back by the rule's rate limit", "rule", ruleId);
    }

    /** Registers the gauge of alert ids the dedup store holds. */
    public void dedupEntries(LongSupplier held) {
        Gauge.builder("netrare.alerting.dedup.entries", held::getAsLong)
                .description("alert ids held for dedup (those of the partitions this instance owns)").register(registry);
    }

    public void dedupExpired(int count) {
        Counter.builder("netrare.alerting.dedup.expired").description("alert ids forgotten past the dedup horizon")
                .register(registry).increment(count);
    }

    private void count(String name, String description, String tag, String value) {
        Counter.builder(name).description(description).tags(tag, value).register(registry).increment();
    }
}
