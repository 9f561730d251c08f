package io.netrare.deploy.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.KafkaLoop;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.NetworkEvent;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two scoring instances on a one-partition events topic: one owns the partition, the other scores nothing. The
 * idle one does not keep every delta: it learns up to what the group has scored everywhere, so its model follows
 * the active one's.
 */
class IdleScoringIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void anInstanceThatOwnsNoPartitionFollowsTheModelTheGroupHasScored() throws Exception {
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withPartitions(1)
                .withTopicPrefix(KAFKA.uniqueTopic("idle-scoring"));
        List<NetworkEvent> events = new FleetSimulator(FleetSpec.demo().withDays(1).withHosts(4).withSeed(5))
                .datafeedEvents().toList();
        try (LocalPipeline pipeline = LocalPipeline.onBroker(KAFKA.bootstrapServers(), options)) {
            pipeline.startTraining("train-0");
            RunningService<?> a = pipeline.startScoring("score-a");
            await().atMost(Duration.ofSeconds(60)).until(() -> a.injector().getInstance(KafkaLoop.class).assigned());
            RunningService<?> b = pipeline.startScoring("score-b");
            // b has joined the group (an empty assignment counts): no rebalance moves the partition while events flow
            await().atMost(Duration.ofSeconds(60)).until(() -> b.injector().getInstance(KafkaLoop.class).assigned());
            pipeline.produceEvents(events.iterator());

            // one of the two owns the partition and scores; the other follows it from the group's commits
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() ->
                    modelBucket(a) > 0 && modelBucket(a) == modelBucket(b) && scored(a) + scored(b) > 48);
            assertThat(Math.min(scored(a), scored(b))).as("buckets the idle instance scored itself").isZero();
            assertThat(a.failure()).isEmpty();
            assertThat(b.failure()).isEmpty();
        }
    }

    private static double modelBucket(RunningService<?> s) {
        Gauge g = s.registry().find("netrare_scoring_model_bucket_seconds").gauge();
        return g == null ? 0 : g.value();
    }

    private static double scored(RunningService<?> s) {
        var c = s.registry().find("netrare_scoring_buckets_closed").counter();
        return c == null ? 0 : c.count();
    }
}
