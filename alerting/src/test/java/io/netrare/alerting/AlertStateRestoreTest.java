package io.netrare.alerting;

import io.netrare.alerting.service.AlertingMetrics;
import io.netrare.runtime.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netrare.alerting.rules.NetrareExtensions;
import io.netrare.alerting.rules.Rule;
import io.netrare.alerting.rules.RuleLoader;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.netrare.alerting.Records.BUCKET;
import static io.netrare.alerting.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

/** A restarted engine fed the persisted state entries behaves as if it had never stopped. */
class AlertStateRestoreTest {

    private final MutableClock clock = new MutableClock(BUCKET.plus(Duration.ofMinutes(16)));
    private final Rule rule = AlertEngineTest.with(new RuleLoader().loadDefault(), new NetrareExtensions(false, List.of(),
            new NetrareExtensions.Suppression(List.of("host.name", "process.name"), Duration.ofHours(1))));

    private AlertEngine engine() {
        return new AlertEngine(List.of(rule), new InMemoryDedupStore(), clock, new AlertingMetrics(new SimpleMeterRegistry()));
    }

    @Test
    void restoredEngineKnowsAlertsAndSuppressionGroups() {
        AlertEngine before = engine();
        List<String> persisted = new ArrayList<>();
        for (Decision d : before.evaluate(record().id("a").bucket(BUCKET).build())) {
            persisted.add(Json.writeString(d.state()));
        }
        for (Decision d : before.evaluate(record().id("b").bucket(BUCKET.plus(Duration.ofMinutes(15))).build())) {
            persisted.add(Json.writeString(d.state()));
        }
        assertThat(before.evaluate(record().id("c").host("db-01").build())).singleElement()
                .satisfies(d -> assertThat(d.state().group()).isEqualTo(List.of(List.of("db-01"), List.of("xmrig"))))
                .satisfies(d -> persisted.add(Json.writeString(d.state())));

        AlertEngine after = engine();
        persisted.forEach(json -> after.restore(Json.read(json, AlertState.class)));

        // replays of the three records raise nothing
        for (String id : List.of("a", "b")) {
            assertThat(after.evaluate(record().id(id).version(5).bucket(BUCKET).build()))
                    .extracting(Decision::outcome).containsExactly(Decision.Outcome.DUPLICATE);
        }
        assertThat(after.alertsFor(record().id("c").host("db-01").version(2).build())).isEmpty();

        // the group's count continues where it stopped
        List<Alert> next = after.alertsFor(record().id("d").bucket(BUCKET.plus(Duration.ofMinutes(30))).build());
        assertThat(next).singleElement().satisfies(a -> {
            assertThat(a.alertId()).isEqualTo(AlertIds.of(rule.ruleId(), Records.JOB, "a"));
            assertThat(a.suppressedCount()).isEqualTo(2);
        });
    }
}
