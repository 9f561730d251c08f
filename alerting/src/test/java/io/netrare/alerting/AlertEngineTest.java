package io.netrare.alerting;

import io.netrare.alerting.service.AlertingMetrics;
import io.netrare.runtime.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netrare.alerting.rules.NetrareExtensions;
import io.netrare.alerting.rules.Rule;
import io.netrare.alerting.rules.RuleLoader;
import io.netrare.schema.Alert;
import io.netrare.schema.AnomalyRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.netrare.alerting.Records.BUCKET;
import static io.netrare.alerting.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

class AlertEngineTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AlertingMetrics metrics = new AlertingMetrics(registry);
    private final MutableClock clock = new MutableClock(BUCKET.plus(Duration.ofMinutes(16)));
    private final Rule rule = new RuleLoader().loadDefault();

    private AlertEngine engine(Rule... rules) {
        return new AlertEngine(List.of(rules), new InMemoryDedupStore(), clock, metrics);
    }

    @ParameterizedTest
    @CsvSource({"49.99,false", "50,true", "50.01,true"})
    void thresholdIsInclusive(double score, boolean alerts) {
        List<Decision> decisions = engine(rule).evaluate(record().score(score).build());
        assertThat(decisions).singleElement().satisfies(d -> assertThat(d.outcome())
                .isEqualTo(alerts ? Decision.Outcome.RAISED : Decision.Outcome.BELOW_THRESHOLD));
    }

    @Test
    void recordsOfOtherJobsAreIgnored() {
        assertThat(engine(rule).alertsFor(record().job("v3_linux_rare_metadata_process").build())).isEmpty();
    }

    @Test
    void interimRecordsAreSkippedByDefault() {
        AlertEngine engine = engine(rule);
        assertThat(engine.evaluate(record().interim(true).build())).extracting(Decision::outcome)
                .containsExactly(Decision.Outcome.INTERIM_SKIPPED);
        // the final record of the same anomaly then alerts
        assertThat(engine.alertsFor(record().version(2).build())).hasSize(1);
    }

    @Test
    void streamingRuleAlertsOnInterimAndNotAgainOnItsFinalRecord() {
        AlertEngine engine = engine(streaming(rule));
        List<Alert> interim = engine.alertsFor(record().interim(true).score(71).build());
        assertThat(interim).singleElement().satisfies(a -> {
            assertThat(a.anomaly().interim()).isTrue();
            assertThat(a.reason()).endsWith("record score 71 (interim)");
        });
        assertThat(engine.evaluate(record().version(2).score(88).build())).extracting(Decision::outcome)
                .containsExactly(Decision.Outcome.DUPLICATE);
    }

    @Test
    void renormalizedUpdatesAndReplaysRaiseOneAlert() {
        AlertEngine engine = engine(rule);
        assertThat(engine.alertsFor(record().version(1).score(42).build())).isEmpty();
        assertThat(engine.alertsFor(record().version(2).score(64).build())).hasSize(1);
        assertThat(engine.alertsFor(record().version(3).score(80).build())).isEmpty();
        assertThat(engine.alertsFor(record().version(2).score(64).build())).isEmpty();
        assertThat(registry.counter("netrare.alerting.alerts", "rule", rule.ruleId(), "severity", "low").count()).isEqualTo(1);
        assertThat(registry.counter("netrare.alerting.duplicates", "rule", rule.ruleId()).count()).isEqualTo(2);
    }

    @Test
    void aRecordTwoHoursAfterItsBucketStillAlertsMarkedLate() {
        clock.set(BUCKET.plus(Duration.ofMinutes(15)).plus(Duration.ofHours(2)));
        Alert alert = engine(rule).alertsFor(record().build()).get(0);
        assertThat(alert.late()).isTrue();
        assertThat(alert.latenessMillis()).isEqualTo(Duration.ofHours(2).toMillis());
        assertThat(alert.originalTime()).isEqualTo(BUCKET);
        assertThat(registry.counter("netrare.alerting.late", "rule", rule.ruleId()).count()).isEqualTo(1);
    }

    @Test
    void aRecordWithinTheLookbackIsNotLate() {
        clock.set(BUCKET.plus(Duration.ofMinutes(15)).plus(Duration.ofMinutes(45)));
        Alert alert = engine(rule).alertsFor(record().build()).get(0);
        assertThat(alert.late()).isFalse();
        assertThat(alert.latenessMillis()).isEqualTo(Duration.ofMinutes(45).toMillis());
    }

    @Test
    void twoRulesOnTheSameJobEachAlertOnce() {
        Rule other = withId(rule, "other-rule");
        List<Alert> alerts = engine(rule, other).alertsFor(record().build());
        assertThat(alerts).extracting(a -> a.rule().ruleId()).containsExactly(rule.ruleId(), "other-rule");
        assertThat(alerts.get(0).alertId()).isNotEqualTo(alerts.get(1).alertId());
    }

    @Test
    void alertIdLeavesTheVersionOut() {
        Alert first = engine(rule).alertsFor(record().version(1).build()).get(0);
        Alert again = engine(rule).alertsFor(record().version(9).build()).get(0);
        assertThat(first.alertId()).isEqualTo(again.alertId())
                .isEqualTo(AlertIds.of(rule.ruleId(), Records.JOB, "rec-1"));
    }

    static Rule streaming(Rule r) {
        return with(r, new NetrareExtensions(true, List.of(), null));
    }

    static Rule with(Rule r, NetrareExtensions ext) {
        return new Rule(r.source(), r.metadata(), r.ruleId(), r.name(), r.description(), r.type(), r.anomalyThreshold(),
                r.jobIds(), r.riskScore(), r.severity(), r.note(), r.setup(), r.references(), r.tags(), r.threat(),
                r.author(), r.license(), r.interval(), r.intervalExpression(), r.lookback(), r.fromExpression(),
                r.version(), r.maxSignals(), ext);
    }

    static Rule withId(Rule r, String id) {
        return new Rule(r.source(), r.metadata(), id, r.name(), r.description(), r.type(), r.anomalyThreshold(),
                r.jobIds(), r.riskScore(), r.severity(), r.note(), r.setup(), r.references(), r.tags(), r.threat(),
                r.author(), r.license(), r.interval(), r.intervalExpression(), r.lookback(), r.fromExpression(),
                r.version(), r.maxSignals(), r.netrare());
    }

    static AnomalyRecord plain() {
        return record().build();
    }
}
