package io.netrare.deploy.pipeline;

import io.netrare.runtime.RunningService;
import io.netrare.runtime.job.JobSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.JobSpec;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import io.netrare.simulator.Shape;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Kafka pipeline (training and scoring services over a real broker) writes the final records that
 * {@code netrare score}'s offline engine writes on the same events, with one instance each and with two, on
 * several simulated fleets and input shapes: late arrivals, gaps in event time, sparse buckets with a single
 * event, records near the 0.035 cut-off, and the peer_rare model. Identical means: the same record ids,
 * by-values and buckets, the same first final and latest versions, probabilities and scores to 1e-9.
 */
class PipelineEquivalenceIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Map<String, List<NetworkEvent>> INPUTS = new ConcurrentHashMap<>();

    /** The events of a case: a simulated fleet, reshaped. */
    static List<NetworkEvent> input(String shape, long seed) {
        return INPUTS.computeIfAbsent(shape + "/" + seed, k -> switch (shape) {
            // the demo fleet, as produced
            case "plain" -> fleet(FleetSpec.demo().withSeed(seed));
            // 3% of the events arrive 2 to 40 minutes late: some after their share closed their bucket
            case "late" -> delayed(fleet(FleetSpec.demo().withDays(2).withHistoryDays(1).withSeed(seed)), seed);
            // hours without any event, then input again: the watermarks jump
            case "gaps" -> gaps(fleet(FleetSpec.demo().withDays(2).withHistoryDays(1).withSeed(seed)));
            // three hosts at a tenth of the rate: many buckets hold a single event of a share
            case "sparse" -> fleet(FleetSpec.demo().withHosts(3).withDays(2).withHistoryDays(1)
                    .withEventsPerBucketScale(0.1).withShape(Shape.DEFEND).withSeed(seed));
            default -> throw new IllegalArgumentException(shape);
        });
    }

    private static List<NetworkEvent> fleet(FleetSpec spec) {
        return new FleetSimulator(spec).datafeedEvents().toList();
    }

    private static List<NetworkEvent> delayed(List<NetworkEvent> events, long seed) {
        Random random = new Random(seed);
        record Arrival(long at, int order, NetworkEvent event) {
        }
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            NetworkEvent e = events.get(i);
            long delay = random.nextDouble() < 0.03 ? Duration.ofMinutes(2 + random.nextInt(39)).toMillis() : 0;
            arrivals.add(new Arrival(e.timestamp().toEpochMilli() + delay, i, e));
        }
        arrivals.sort(Comparator.comparingLong(Arrival::at).thenComparingInt(Arrival::order));
        return arrivals.stream().map(Arrival::event).toList();
    }

    private static List<NetworkEvent> gaps(List<NetworkEvent> events) {
        Instant start = events.get(0).timestamp();
        long[][] gaps = {{hours(start, 5), hours(start, 9)}, {hours(start, 20), hours(start, 20) + 45 * 60_000},
                {hours(start, 30), hours(start, 36)}};
        return events.stream().filter(e -> {
            long t = e.timestamp().toEpochMilli();
            for (long[] g : gaps) {
                if (t >= g[0] && t < g[1]) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    private static long hours(Instant start, int h) {
        return start.toEpochMilli() + h * 3_600_000L;
    }

    private static Map<String, PipelineSupport.FinalRecord> runPipeline(List<NetworkEvent> events,
                                                                        LocalPipeline.Options options, int instances) {
        try (LocalPipeline pipeline = LocalPipeline.onBroker(KAFKA.bootstrapServers(), options)) {
            RunningService<?>[] scorers = new RunningService<?>[instances];
            for (int i = 0; i < instances; i++) {
                pipeline.startTraining("train-" + i);
                scorers[i] = pipeline.startScoring("score-" + i);
            }
            pipeline.produceEvents(events.iterator());
            PipelineSupport.awaitScored(events, options.job().toJobSpec(), Duration.ofMinutes(3), scorers);
            List<AnomalyRecord> records = PipelineSupport.records(
                    PipelineSupport.readAll(pipeline.kafka(), pipeline.topics().anomalies().name(), Duration.ofSeconds(3)));
            return PipelineSupport.finals(records);
        }
    }

    @ParameterizedTest(name = "{0} fleet, seed {1}, {2} model, {3} training and {3} scoring instance(s)")
    @CsvSource({
            "plain, 5, rare, 1", "plain, 5, rare, 2",
            "late, 11, rare, 1", "late, 11, rare, 2",
            "gaps, 23, rare, 1", "gaps, 23, rare, 2",
            "sparse, 31, rare, 1", "sparse, 31, rare, 2",
            "plain, 47, rare, 1", "plain, 47, rare, 2",
            "plain, 5, peer_rare, 1", "plain, 5, peer_rare, 2"})
    void thePipelineWritesTheOfflineEnginesFinalRecords(String shape, long seed, String model, int instances) {
        List<NetworkEvent> events = input(shape, seed);
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withTopicPrefix(KAFKA.uniqueTopic("eq"))
                .withJob(JobSettings.defaults().withModelType(model));
        Map<String, PipelineSupport.FinalRecord> reference = PipelineSupport.offlineFinals(events, options.job(),
                options.partitions());
        assertThat(reference).isNotEmpty();
        describe(shape, seed, events, reference, options.job().toJobSpec());
        assertSameFinals(runPipeline(events, options, instances), reference);
    }

    /** What makes the case hard, printed so that a reader can see the shape holds. */
    private static void describe(String shape, long seed, List<NetworkEvent> events,
                                 Map<String, PipelineSupport.FinalRecord> reference, JobSpec job) {
        long nearCutOff = reference.values().stream().filter(r -> r.probability() > 0.02).count();
        Map<Long, Long> perBucket = new java.util.HashMap<>();
        events.forEach(e -> perBucket.merge(job.bucketStart(e.timestamp()), 1L, Long::sum));
        long single = perBucket.values().stream().filter(n -> n == 1).count();
        System.out.printf("equivalence case %s/%d: %d events, %d buckets (%d with one event), %d records, "
                + "%d with probability in (0.02, 0.035)%n", shape, seed, events.size(), perBucket.size(), single,
                reference.size(), nearCutOff);
    }

    static void assertSameFinals(Map<String, PipelineSupport.FinalRecord> actual,
                                         Map<String, PipelineSupport.FinalRecord> reference) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(reference.keySet());
        reference.forEach((id, expected) -> {
            PipelineSupport.FinalRecord got = actual.get(id);
            assertThat(got.byValue()).isEqualTo(expected.byValue());
            assertThat(got.partitionValue()).isEqualTo(expected.partitionValue());
            assertThat(got.bucket()).isEqualTo(expected.bucket());
            assertThat(got.probability()).as("probability of %s", id).isCloseTo(expected.probability(), within(1e-9));
            assertThat(got.initialScore()).as("score of %s", id).isCloseTo(expected.initialScore(), within(1e-9));
            assertThat(got.finalVersion()).as("final version of %s", id).isEqualTo(expected.finalVersion());
            assertThat(got.latestVersion()).as("latest version of %s", id).isEqualTo(expected.latestVersion());
            assertThat(got.latestScore()).as("latest score of %s", id).isCloseTo(expected.latestScore(), within(1e-9));
        });
    }
}
