package io.netrare.alerting;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netrare.alerting.rules.NetrareExtensions;
import io.netrare.alerting.rules.Rule;
import io.netrare.alerting.rules.RuleLoader;
import io.netrare.alerting.service.AlertingMetrics;
import io.netrare.runtime.testing.MutableClock;
import io.netrare.schema.Alert;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.netrare.alerting.Records.BUCKET;
import static io.netrare.alerting.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

/** A flood of new process names becomes a few alerts; the next one let through says how many were held back. */
class RateLimitTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(BUCKET.plus(Duration.ofMinutes(16)));
    private final Rule rule = AlertEngineTest.with(new RuleLoader().loadDefault(), new NetrareExtensions(false, List.of(),
            null, new NetrareExtensions.RateLimit(2, Duration.ofMinutes(1))));

    @Test
    void alertsOverTheLimitAreHeldBackCountedAndSummarizedByTheNextAlert() {
        AlertEngine engine = new AlertEngine(List.of(rule), new InMemoryDedupStore(), clock, new AlertingMetrics(registry));
        List<Decision> flood = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            flood.add(engine.evaluate(record().id("r" + i).process("p" + i).build()).get(0));
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(flood).extracting(Decision::outcome).containsExactly(Decision.Outcome.RAISED, Decision.Outcome.RAISED,
                Decision.Outcome.RATE_LIMITED, Decision.Outcome.RATE_LIMITED, Decision.Outcome.RATE_LIMITED,
                Decision.Outcome.RATE_LIMITED);
        assertThat(flood.get(2).alert()).isNull();
        assertThat(flood.get(2).state().outcome()).isEqualTo(Decision.Outcome.RATE_LIMITED); // persisted for dedup
        assertThat(registry.counter("netrare.alerting.rate.limited", "rule", rule.ruleId()).count()).isEqualTo(4);

        // a held-back record never alerts later (its id is known), not even when renormalized
        assertThat(engine.evaluate(record().id("r3").version(2).score(99).process("p3").build()).get(0).outcome())
                .isEqualTo(Decision.Outcome.DUPLICATE);

        clock.advance(Duration.ofMinutes(1));
        Alert next = engine.alertsFor(record().id("r7").process("p7").build()).get(0);
        assertThat(next.reason()).endsWith("; 4 more suppressed by the rate limit of 2 per 1m (e.g. `p3`, `p4`, `p5`)");
        Alert after = engine.alertsFor(record().id("r8").process("p8").build()).get(0);
        assertThat(after.reason()).doesNotContain("suppressed");
    }

    @Test
    void heldBackIdsAreRestoredFromTheStateTopic() {
        AlertEngine first = new AlertEngine(List.of(rule), new InMemoryDedupStore(), clock, new AlertingMetrics(registry));
        List<AlertState> states = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            states.add(first.evaluate(record().id("r" + i).build()).get(0).state());
        }
        AlertEngine restarted = new AlertEngine(List.of(rule), new InMemoryDedupStore(), clock, new AlertingMetrics(registry));
        states.forEach(restarted::restore);
        assertThat(restarted.evaluate(record().id("r3").version(2).build()).get(0).outcome())
                .isEqualTo(Decision.Outcome.DUPLICATE);
    }
}
