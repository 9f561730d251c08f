package io.netrare.models.example;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.deploy.cli.NetrareCommand;
import io.netrare.runtime.job.JobSettings;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelPlugin;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.scoring.EngineConfig;
import io.netrare.scoring.OfflineScorer;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import io.netrare.simulator.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A model that no netrare module depends on, on the classpath only through this module's jar and its
 * META-INF/services entry, selected by config and run by the offline engine and by {@code netrare score}.
 */
class ThirdPartyModelTest {

    /** The demo fleet: 12 hosts, 3 days, attacks on the third day. Two days (192 buckets) of warm-up. */
    private static final FleetSimulator FLEET = new FleetSimulator(FleetSpec.demo());
    private static final Map<String, String> SETTINGS = Map.of("warmup_buckets", "192");

    @Test
    void isFoundOnTheClasspathAndSelectedByConfig() {
        assertThat(ModelPlugin.available()).extracting(ModelPlugin::type).contains("first_ever", "rare");
        JobSettings job = JobSettings.defaults().withModelType("first_ever").withModelSettings(SETTINGS);
        assertThat(job.modelProvider()).isInstanceOf(FirstEverProvider.class);
        assertThatThrownBy(() -> job.withModelSettings(Map.of("decay", "0.001")))
                .hasMessageContaining("'decay' is not a setting of model first_ever (its settings: probability, warmup_buckets)");
    }

    @Test
    void theOfflineEngineScoresWithIt() {
        JobSettings job = JobSettings.defaults().withModelType("first_ever").withModelSettings(SETTINGS);
        List<NetworkEvent> events = FLEET.datafeedEvents().toList();
        OfflineScorer.Result result = new OfflineScorer(job.toJobSpec(), job.modelProvider(), EngineConfig.defaults(),
                Clock.fixed(FleetSpec.demo().start(), ZoneOffset.UTC)).score(events);
        List<AnomalyRecord> finals = result.finalRecords();
        assertThat(finals).isNotEmpty().allSatisfy(r -> assertThat(r.model()).isEqualTo("first_ever"));
        // an interim record on an event read before the previous bucket closed is superseded by a final one at 0
        assertThat(finals).extracting(AnomalyRecord::recordScore).containsOnly(0.0, 75.0);
        Set<String> flagged = finals.stream().filter(r -> r.recordScore() == 75.0).map(AnomalyRecord::byFieldValue)
                .collect(Collectors.toSet());
        assertThat(FLEET.attacks()).extracting(Label::processName).anyMatch(flagged::contains);
    }

    @Test
    void netrareScoreRunsIt(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("events.ndjson");
        Files.write(input, FLEET.datafeedEvents().map(Json::writeString).toList());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NetrareCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("score", "--format", "events", "--input", input.toString(), "--model", "first_ever",
                "--model-setting", "warmup_buckets=192");
        assertThat(code).as(err.toString()).isZero();
        List<JsonNode> records = out.toString().lines().filter(l -> !l.isBlank()).map(l -> {
            try {
                return Json.mapper().readTree(l);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r.path("model").asText()).isEqualTo("first_ever"));

        StringWriter err2 = new StringWriter();
        cli.setErr(new PrintWriter(err2));
        assertThat(cli.execute("score", "--format", "events", "--input", input.toString(), "--model", "first_ever",
                "--model-setting", "entity_cap=1000")).isNotZero();
        assertThat(err2.toString()).contains("'entity_cap' is not a setting of model first_ever");
    }

    @Test
    void sharesMergeIntoTheModelOneInstanceBuilds() {
        JobSpec job = JobSpec.anchorDefault();
        ModelProvider provider = new FirstEverPlugin().provider(job, Map.of("warmup_buckets", "1"));
        AnomalyModel whole = provider.create(job);
        AnomalyModel a = provider.create(job);
        AnomalyModel b = provider.create(job);
        for (int t = 0; t < 3; t++) {
            TreeMap<EntityKey, BucketObservation.EntityActivity> all = new TreeMap<>();
            TreeMap<EntityKey, BucketObservation.EntityActivity> left = new TreeMap<>();
            TreeMap<EntityKey, BucketObservation.EntityActivity> right = new TreeMap<>();
            for (String p : new String[]{"sshd", "p" + t, "q" + t}) {
                BucketObservation.EntityActivity one = new BucketObservation.EntityActivity(1, Set.of("h"));
                all.put(EntityKey.of(p), one);
                (p.startsWith("q") ? right : left).put(EntityKey.of(p), one);
            }
            long start = t * job.bucketSpanMillis();
            whole.learn(new BucketObservation(start, all));
            a.learn(new BucketObservation(start, left));
            b.learn(new BucketObservation(start, right));
        }
        AnomalyModel merged = provider.merge(job, List.of(a, b));
        assertThat(merged.snapshot()).isEqualTo(whole.snapshot());
        assertThat(provider.restore(job, whole.snapshot()).snapshot()).isEqualTo(whole.snapshot());
        assertThat(merged.score(merged.lastBucket())).filteredOn(s -> s.anomalous())
                .extracting(s -> s.entity().byValue()).containsExactlyInAnyOrder("p2", "q2");
    }
}
