package io.netrare.deploy.pipeline;

import io.netrare.runtime.RunningService;
import io.netrare.runtime.broker.EmbeddedKafkaBroker;
import io.netrare.runtime.job.JobSettings;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.schema.Alert;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The four services in one JVM read a fleet file; mid-stream the broker stops for longer than every client
 * timeout (shortened here to a few seconds), then starts again on its own data dir and port. No service
 * exits, every service reports not ready while the broker is away, and the final records and alerts equal
 * those of an uninterrupted run.
 */
class BrokerOutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutageIT.class);

    /** Longer than every shortened client timeout below (and the transaction timeout) several times over. */
    private static final Duration OUTAGE = Duration.ofSeconds(25);

    @TempDir
    Path dir;

    @Test
    void servicesRideOutABrokerOutageLongerThanEveryClientTimeout() throws Exception {
        Path fleet = dir.resolve("fleet.ndjson");
        try (Writer w = Files.newBufferedWriter(fleet)) {
            new FleetSimulator(FleetSpec.demo().withSeed(23)).writeEcs(w);
        }
        PipelineRun.Settings settings = new PipelineRun.Settings(List.of(fleet), JobSettings.defaults(), null, null, "none", 2);

        Map<String, PipelineSupport.FinalRecord> referenceRecords;
        List<Alert> referenceAlerts;
        int referenceLate;
        try (PipelineRun run = PipelineRun.start(settings)) {
            run.awaitDone(Duration.ofMinutes(5), p -> { });
            referenceRecords = finals(run);
            referenceAlerts = run.alerts();
            referenceLate = lateEvents(run);
        }
        assertThat(referenceRecords).isNotEmpty();
        assertThat(referenceAlerts).isNotEmpty();

        EmbeddedKafkaBroker.Options brokerOptions = EmbeddedKafkaBroker.Options.defaults().withPartitions(2)
                .withDataDir(dir.resolve("kafka"));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerOptions);
        brokerOptions = brokerOptions.withPort(broker.port());
        try (PipelineRun run = PipelineRun.onBroker(settings, shortTimeouts(broker.bootstrapServers()))) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> run.progress().bucketsScored() >= 2 || run.progress().inputRead());
            LOG.info("stopping the broker mid-stream at {}", run.progress());
            broker.stop();
            long outageEnds = System.nanoTime() + OUTAGE.toNanos();
            await().atMost(OUTAGE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                for (RunningService<?> s : run.services()) {
                    assertThat(s.ready()).as("%s ready while the broker is away", s.service().value()).isFalse();
                }
            });
            while (System.nanoTime() < outageEnds) {
                assertNoServiceFailed(run);
                Thread.sleep(500);
            }
            assertNoServiceFailed(run);
            broker = EmbeddedKafkaBroker.start(brokerOptions);
            LOG.info("broker back at {}", run.progress());
            run.awaitDone(Duration.ofMinutes(5), p -> { });
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                for (RunningService<?> s : run.services()) {
                    assertThat(s.ready()).as("%s ready after the outage", s.service().value()).isTrue();
                }
            });
            assertNoServiceFailed(run);
            // the outage made no event late: no open bucket was closed for the time the input could not come
            assertThat(lateEvents(run)).as("late events").isEqualTo(referenceLate);
            assertSameRecords(finals(run), referenceRecords);
            assertSameAlerts(run.alerts(), referenceAlerts);
        } finally {
            broker.stop();
        }
    }

    /** Every client timeout a few seconds, so the outage outlasts each of them. */
    private static KafkaSettings shortTimeouts(String bootstrap) {
        KafkaSettings d = KafkaSettings.forBootstrap(bootstrap);
        return new KafkaSettings(bootstrap, d.clientId(), d.topicPrefix(), d.instanceId(), true, Duration.ofSeconds(6),
                Map.of("request.timeout.ms", "3000", "default.api.timeout.ms", "5000",
                        "reconnect.backoff.max.ms", "1000"),
                Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"),
                Map.of("max.block.ms", "4000", "delivery.timeout.ms", "5000"));
    }

    private static void assertNoServiceFailed(PipelineRun run) {
        for (RunningService<?> s : run.services()) {
            assertThat(s.failure()).as("%s failed", s.service().value()).isEmpty();
        }
    }

    private static int lateEvents(PipelineRun run) {
        return PipelineSupport.readAll(run.pipeline().kafka(), run.pipeline().topics().lateEvents().name(),
                Duration.ofSeconds(2)).size();
    }

    /** The final records as the crash-recovery tests compare them (interim records depend on timing). */
    private static Map<String, PipelineSupport.FinalRecord> finals(PipelineRun run) {
        return PipelineSupport.finals(PipelineSupport.records(PipelineSupport.readAll(run.pipeline().kafka(),
                run.pipeline().topics().anomalies().name(), Duration.ofSeconds(3))));
    }

    private static void assertSameRecords(Map<String, PipelineSupport.FinalRecord> actual,
                                          Map<String, PipelineSupport.FinalRecord> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((id, e) -> {
            assertThat(actual.get(id).probability()).as(id).isCloseTo(e.probability(), within(1e-9));
            assertThat(actual.get(id).initialScore()).as(id).isCloseTo(e.initialScore(), within(1e-9));
        });
    }

    private static void assertSameAlerts(List<Alert> actual, List<Alert> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        Map<String, Alert> byId = new TreeMap<>();
        actual.forEach(a -> byId.put(a.alertId(), a));
        for (Alert e : expected) {
            Alert a = byId.get(e.alertId());
            assertThat(a).as("alert %s", e.alertId()).isNotNull();
            assertThat(a.rule()).isEqualTo(e.rule());
            assertThat(a.suppressedCount()).as("alert %s suppressed count", e.alertId()).isEqualTo(e.suppressedCount());
            assertThat(a.anomaly().recordScore()).isCloseTo(e.anomaly().recordScore(), within(1e-9));
        }
    }
}
