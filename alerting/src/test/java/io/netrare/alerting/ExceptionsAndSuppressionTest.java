package io.netrare.alerting;

import io.netrare.alerting.service.AlertingMetrics;
import io.netrare.runtime.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netrare.alerting.rules.NetrareExtensions;
import io.netrare.alerting.rules.NetrareExtensions.Entry;
import io.netrare.alerting.rules.NetrareExtensions.ExceptionItem;
import io.netrare.alerting.rules.NetrareExtensions.Operator;
import io.netrare.alerting.rules.Rule;
import io.netrare.alerting.rules.RuleLoader;
import io.netrare.schema.Alert;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.netrare.alerting.Records.BUCKET;
import static io.netrare.alerting.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

class ExceptionsAndSuppressionTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(BUCKET.plus(Duration.ofMinutes(16)));
    private final Rule base = new RuleLoader().loadDefault();

    private AlertEngine engine(NetrareExtensions ext) {
        return new AlertEngine(List.of(AlertEngineTest.with(base, ext)), new InMemoryDedupStore(), clock,
                new AlertingMetrics(registry));
    }

    private static NetrareExtensions exceptions(ExceptionItem... items) {
        return new NetrareExtensions(false, List.of(items), null);
    }

    private static ExceptionItem item(Entry... entries) {
        return new ExceptionItem("test", List.of(entries));
    }

    @Test
    void isMatchesExactly() {
        AlertEngine engine = engine(exceptions(item(new Entry("process.name", Operator.IS, List.of("rsync")))));
        assertThat(engine.evaluate(record().process("rsync").build())).extracting(Decision::outcome)
                .containsExactly(Decision.Outcome.EXCEPTED);
        assertThat(engine.alertsFor(record().id("r2").process("rsync2").build())).hasSize(1);
        assertThat(registry.counter("netrare.alerting.excepted", "rule", base.ruleId()).count()).isEqualTo(1);
    }

    @Test
    void isOneOfMatchesAnyListedValue() {
        AlertEngine engine = engine(exceptions(item(new Entry("user.name", Operator.IS_ONE_OF,
                List.of("backup", "postgres")))));
        assertThat(engine.alertsFor(record().id("a").user("postgres").build())).isEmpty();
        assertThat(engine.alertsFor(record().id("b").user("backup").build())).isEmpty();
        assertThat(engine.alertsFor(record().id("c").user("nobody").build())).hasSize(1);
    }

    @Test
    void wildcardMatchesGlobsOnDestinationAndHost() {
        AlertEngine engine = engine(exceptions(item(new Entry("destination.ip", Operator.WILDCARD, List.of("10.*"))),
                item(new Entry("host.name", Operator.WILDCARD, List.of("build-??")))));
        assertThat(engine.alertsFor(record().id("a").destination("10.1.2.3").build())).isEmpty();
        assertThat(engine.alertsFor(record().id("b").host("build-01").build())).isEmpty();
        assertThat(engine.alertsFor(record().id("c").host("build-001").build())).hasSize(1);
        assertThat(engine.alertsFor(record().id("d").destination("110.1.2.3").build())).hasSize(1);
    }

    @Test
    void entriesOfOneItemMustAllMatch() {
        AlertEngine engine = engine(exceptions(item(new Entry("process.name", Operator.IS, List.of("curl")),
                new Entry("host.name", Operator.IS, List.of("ci-runner")))));
        assertThat(engine.alertsFor(record().id("a").process("curl").host("ci-runner").build())).isEmpty();
        assertThat(engine.alertsFor(record().id("b").process("curl").host("web-07").build())).hasSize(1);
    }

    @Test
    void recordFieldsCanBeExcepted() {
        AlertEngine engine = engine(exceptions(item(new Entry("partition_field_value", Operator.IS, List.of("x")),
                new Entry("job_id", Operator.IS, List.of(Records.JOB)))));
        assertThat(engine.alertsFor(record().build())).hasSize(1); // no partition value: no match
        engine = engine(exceptions(item(new Entry("job_id", Operator.IS, List.of(Records.JOB)))));
        assertThat(engine.alertsFor(record().build())).isEmpty();
    }

    @Test
    void suppressionRaisesTheFirstAndCountsTheRestInTheWindow() {
        AlertEngine engine = engine(new NetrareExtensions(false, List.of(),
                new NetrareExtensions.Suppression(List.of("host.name", "process.name"), Duration.ofHours(1))));
        Alert first = engine.alertsFor(record().id("b0").bucket(BUCKET).build()).get(0);
        assertThat(first.suppressedCount()).isZero();

        List<Decision> second = engine.evaluate(record().id("b1").bucket(BUCKET.plus(Duration.ofMinutes(15))).build());
        assertThat(second).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(Decision.Outcome.SUPPRESSED);
            assertThat(d.alert().alertId()).isEqualTo(first.alertId());
            assertThat(d.alert().suppressedCount()).isEqualTo(1);
        });
        Alert third = engine.alertsFor(record().id("b2").bucket(BUCKET.plus(Duration.ofMinutes(45))).build()).get(0);
        assertThat(third.alertId()).isEqualTo(first.alertId());
        assertThat(third.suppressedCount()).isEqualTo(2);

        // another host is another group
        Alert otherHost = engine.alertsFor(record().id("h2").host("web-08").build()).get(0);
        assertThat(otherHost.alertId()).isNotEqualTo(first.alertId());
        assertThat(otherHost.suppressedCount()).isZero();

        // after the window a new alert survives
        Alert later = engine.alertsFor(record().id("b5").bucket(BUCKET.plus(Duration.ofMinutes(75))).build()).get(0);
        assertThat(later.alertId()).isNotEqualTo(first.alertId());
        assertThat(later.suppressedCount()).isZero();

        // a replay of a suppressed record is not counted again
        assertThat(engine.evaluate(record().id("b1").version(3).bucket(BUCKET.plus(Duration.ofMinutes(15))).build()))
                .extracting(Decision::outcome).containsExactly(Decision.Outcome.DUPLICATE);
        assertThat(registry.counter("netrare.alerting.suppressed", "rule", base.ruleId()).count()).isEqualTo(2);
        assertThat(registry.counter("netrare.alerting.alerts", "rule", base.ruleId(), "severity", "low").count()).isEqualTo(3);
    }
}
