package io.netrare.deploy.security;

import io.netrare.alerting.service.AlertingConfig;
import io.netrare.deploy.cli.DemoCommand;
import io.netrare.deploy.cli.NetrareCommand;
import io.netrare.deploy.pipeline.LocalPipeline;
import io.netrare.ingest.service.FileSource;
import io.netrare.ingest.service.IngestSettings;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.AccessDeniedException;
import io.netrare.runtime.testing.SecureKafkaExtension;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import io.netrare.schema.Topics;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import io.netrare.simulator.Label;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline over SASL_SSL (SCRAM-SHA-512) on a broker with the KRaft StandardAuthorizer: the topics
 * are created ahead of time by the administrator, and each service runs as its own principal with only the
 * rights of {@link AclMatrix}. A service missing one right stops with a message that names it.
 */
class PipelineSecurityIT {

    @RegisterExtension
    static final SecureKafkaExtension KAFKA = new SecureKafkaExtension(true, "ingest", "model", "scoring", "alerting");

    @TempDir
    Path dir;

    @Test
    void eachServiceRunsWithOnlyItsOwnAclsAndThePipelineAlerts() throws Exception {
        String prefix = "secure";
        FleetSimulator sim = new FleetSimulator(FleetSpec.demo().withSeed(17));
        Path fleet = dir.resolve("fleet.ndjson");
        try (Writer w = Files.newBufferedWriter(fleet)) {
            sim.writeEcs(w);
        }
        Path alertsOut = dir.resolve("alerts.ndjson");
        createTopicsWithTheCli(prefix);
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withTopicPrefix(prefix).withPartitions(2);
        try (LocalPipeline pipeline = LocalPipeline.onBroker(KAFKA.settings(SecureKafkaExtension.ADMIN), KAFKA::settings,
                options)) {
            assertThat(pipeline.kafkaOf("scoring").properties()).containsEntry("security.protocol", "SASL_SSL");
            RunningService<?> scoring = pipeline.startScoring("scoring-0");
            RunningService<?> training = pipeline.startTraining("model-0");
            RunningService<?> alerting = pipeline.startAlerting("alerting-0", AlertingConfig.of(null,
                    AlertingConfig.ConsoleConfig.defaults(), new AlertingConfig.NdjsonConfig(true, alertsOut), null, null, null));
            RunningService<?> ingest = pipeline.startIngest("ingest-0", IngestSettings.defaults().withFiles(List.of(fleet))
                    .withRawTopic(true).withMaxPast("none"));
            List<RunningService<?>> all = List.of(ingest, training, scoring, alerting);
            Map<String, String> groups = new LinkedHashMap<>();
            groups.put(pipeline.groupOf("model"), pipeline.topics().events().name());
            groups.put(pipeline.groupOf("scoring"), pipeline.topics().events().name());
            groups.put(pipeline.groupOf("alerting"), pipeline.topics().anomalies().name());
            groups.put(pipeline.groupOf("alerting") + ".sink.ndjson", pipeline.topics().alerts().name());
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (RunningService<?> s : all) {
                    assertThat(s.failure()).as("%s failure", s.service().value()).isEmpty();
                }
                return ingest.injector().getInstance(FileSource.class).finished() && pipeline.drained(groups)
                        && pipeline.drained(groups);
            });
            List<Alert> alerts = Files.readAllLines(alertsOut).stream().map(l -> Json.read(l, Alert.class)).toList();
            List<Label> fleetWide = sim.attacks().stream().filter(a -> "fleet_rare".equals(a.visibleTo())).toList();
            assertThat(fleetWide).isNotEmpty();
            for (Label attack : fleetWide) {
                assertThat(alerts).as("an alert for %s on %s", attack.processName(), attack.host())
                        .anyMatch(a -> DemoCommand.matches(a, attack));
            }
        }
    }

    /**
     * {@code netrare acl --apply} and {@code netrare topics create} as the administrator, over SASL_SSL: the
     * rights of every service, every topic once, then nothing to do.
     */
    private void createTopicsWithTheCli(String prefix) throws Exception {
        StringBuilder yaml = new StringBuilder("kafka:\n  bootstrap_servers: " + KAFKA.bootstrapServers()
                + "\n  topic_prefix: " + prefix + "\n  properties:\n");
        KAFKA.clientProperties(SecureKafkaExtension.ADMIN).forEach((k, v) ->
                yaml.append("    ").append(k).append(": '").append(v.replace("'", "''")).append("'\n"));
        yaml.append("topics:\n  partitions: 2\n  replication_factor: 1\n  min_insync_replicas: 1\n");
        Path config = dir.resolve("topics.yaml");
        Files.writeString(config, yaml);
        // the ACLs of every service, through `netrare acl --apply` with the same administrator's config
        StringWriter aclOut = new StringWriter();
        CommandLine acl = NetrareCommand.commandLine();
        acl.setOut(new PrintWriter(aclOut));
        assertThat(acl.execute("acl", "--apply", "--config", config.toString())).isZero();
        assertThat(aclOut.toString()).contains("created " + AclMatrix.grants(new Topics(prefix)).size() + " ACLs");
        for (String expected : List.of("created  ", "exists   ")) {
            StringWriter out = new StringWriter();
            CommandLine cli = NetrareCommand.commandLine();
            cli.setOut(new PrintWriter(out));
            assertThat(cli.execute("topics", "create", "--config", config.toString())).isZero();
            // the ten topics of Topics.all(), the alerting state, the ingest checkpoints and the scoring snapshots
            assertThat(out.toString().lines().toList()).hasSize(13).allMatch(l -> l.startsWith(expected))
                    .anyMatch(l -> l.startsWith(expected + prefix + ".models partitions=1 replication=1 cleanup.policy=compact"))
                    .anyMatch(l -> l.startsWith(expected + prefix + ".scoring.snapshots partitions=1 replication=1 cleanup.policy=compact"));
        }
    }

    @Test
    void aServiceMissingARightStopsWithAMessageNamingIt() {
        String prefix = "lacking";
        Topics topics = new Topics(prefix);
        List<AclBinding> all = AclMatrix.bindings(topics, Map.of());
        List<AclBinding> allButTwo = all.stream()
                .filter(b -> !(b.entry().principal().equals("User:scoring")
                        && b.pattern().resourceType() == ResourceType.TOPIC
                        && b.pattern().name().equals(topics.models().name())
                        && b.entry().operation() == AclOperation.READ))
                .filter(b -> !(b.entry().principal().equals("User:model")
                        && b.pattern().resourceType() == ResourceType.TRANSACTIONAL_ID))
                .toList();
        assertThat(allButTwo).hasSize(all.size() - 2);
        KAFKA.grant(allButTwo);
        LocalPipeline.Options options = LocalPipeline.Options.defaults().withTopicPrefix(prefix).withPartitions(1);
        try (LocalPipeline pipeline = LocalPipeline.onBroker(KAFKA.settings(SecureKafkaExtension.ADMIN), KAFKA::settings,
                options)) {
            RunningService<?> scoring = pipeline.startScoring("scoring-0");
            RunningService<?> training = pipeline.startTraining("model-0");
            await().atMost(Duration.ofMinutes(2)).until(() -> scoring.failure().isPresent() && training.failure().isPresent());
            assertThat(scoring.failure().get()).isInstanceOf(AccessDeniedException.class)
                    .hasMessage("principal User:scoring lacks READ on topic lacking.models");
            assertThat(training.failure().get()).isInstanceOf(AccessDeniedException.class)
                    .hasMessage("principal User:model lacks WRITE on transactional-id lacking.model.main.model-0");
        }
    }
}
