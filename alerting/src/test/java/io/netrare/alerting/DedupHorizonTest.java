package io.netrare.alerting;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netrare.alerting.rules.Rule;
import io.netrare.alerting.rules.RuleLoader;
import io.netrare.alerting.service.AlertingMetrics;
import io.netrare.runtime.testing.MutableClock;
import io.netrare.schema.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.netrare.alerting.Records.BUCKET;
import static io.netrare.alerting.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

/** Alert ids are forgotten a horizon after they were first alerted (the injected clock), and not before. */
class DedupHorizonTest {

    private static final Duration HORIZON = Duration.ofDays(90);

    private final MutableClock clock = new MutableClock(BUCKET.plus(Duration.ofMinutes(16)));
    private final Rule rule = new RuleLoader().loadDefault();
    private final InMemoryDedupStore store = new InMemoryDedupStore();
    private final AlertEngine engine = new AlertEngine(List.of(rule), store, clock,
            new AlertingMetrics(new SimpleMeterRegistry()));

    @Test
    void aRenormalizedVersionWithinTheHorizonIsADuplicateAndAnExpiredIdIsForgotten() {
        assertThat(outcome(record().id("old").version(2).build())).isEqualTo(Decision.Outcome.RAISED);
        clock.advance(Duration.ofDays(30));
        assertThat(outcome(record().id("new").version(2).build())).isEqualTo(Decision.Outcome.RAISED);

        // scoring renormalizes records of the last 30 days: a version at the end of that window is still known
        clock.advance(Duration.ofDays(1));
        assertThat(engine.expire(HORIZON)).isEmpty();
        assertThat(outcome(record().id("old").version(7).score(99).build())).isEqualTo(Decision.Outcome.DUPLICATE);

        // just inside the horizon of "old": kept
        clock.set(BUCKET.plus(Duration.ofMinutes(16)).plus(HORIZON));
        assertThat(engine.expire(HORIZON)).isEmpty();
        assertThat(store.size()).isEqualTo(2);

        // past it: "old" is forgotten, "new" (alerted 30 days later) is kept and still deduplicated
        clock.advance(Duration.ofMinutes(1));
        assertThat(engine.expire(HORIZON)).containsExactly(AlertIds.of(rule.ruleId(), Records.JOB, "old"));
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.contains(AlertIds.of(rule.ruleId(), Records.JOB, "old"))).isFalse();
        assertThat(outcome(record().id("new").version(9).build())).isEqualTo(Decision.Outcome.DUPLICATE);
        assertThat(engine.expire(HORIZON)).isEmpty();
    }

    @Test
    void aRestoredEntryCountsFromWhenItWasFirstAlerted() {
        List<String> persisted = engine.evaluate(record().id("a").build()).stream()
                .map(d -> Json.writeString(d.state())).toList();
        assertThat(persisted.get(0)).contains("\"alerted_at\":\"" + clock.instant() + "\"");

        clock.advance(HORIZON.plusMinutes(1));
        InMemoryDedupStore restoredStore = new InMemoryDedupStore();
        AlertEngine restarted = new AlertEngine(List.of(rule), restoredStore, clock, new AlertingMetrics(new SimpleMeterRegistry()));
        persisted.forEach(json -> restarted.restore(Json.read(json, AlertState.class)));
        assertThat(restoredStore.size()).isEqualTo(1);
        assertThat(restarted.expire(HORIZON)).containsExactly(AlertIds.of(rule.ruleId(), Records.JOB, "a"));
    }

    @Test
    void anEntryWrittenBeforeTheTimeExistedCountsFromItsRestore() {
        String old = "{\"alert_id\":\"x\",\"rule_id\":\"" + rule.ruleId() + "\",\"outcome\":\"RAISED\"}";
        engine.restore(Json.read(old, AlertState.class));
        clock.advance(HORIZON.minusMinutes(1));
        assertThat(engine.expire(HORIZON)).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        assertThat(engine.expire(HORIZON)).containsExactly("x");
    }

    private Decision.Outcome outcome(io.netrare.schema.AnomalyRecord record) {
        return engine.evaluate(record).get(0).outcome();
    }
}
