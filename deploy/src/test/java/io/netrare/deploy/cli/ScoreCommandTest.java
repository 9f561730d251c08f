package io.netrare.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreCommandTest {

    /** Defend-shaped ECS lines: 20 hosts over 200 buckets, then xmrig once on web-07 after two days. */
    private static Path fleet(Path dir) throws IOException {
        Random random = new Random(5);
        long start = 1_764_547_200_000L;
        List<String[]> rows = new ArrayList<>();
        for (int b = 0; b < 200; b++) {
            for (int h = 0; h < 20; h++) {
                String host = String.format("web-%02d", h);
                for (String p : new String[]{"sshd", "systemd-resolved", "curl"}) {
                    if (!p.equals("curl") || random.nextDouble() < 0.9) {
                        rows.add(new String[]{Long.toString(start + b * 900_000L + random.nextInt(880_000)), host, p});
                    }
                }
            }
        }
        rows.add(new String[]{Long.toString(start + 195 * 900_000L + 1000), "web-07", "xmrig"});
        rows.sort((a, b) -> Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0])));
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            out.append("{\"@timestamp\":\"").append(Instant.ofEpochMilli(Long.parseLong(r[0])))
                    .append("\",\"event\":{\"category\":[\"network\"],\"type\":[\"start\"],\"action\":\"connection_attempted\"},")
                    .append("\"host\":{\"name\":\"").append(r[1]).append("\",\"os\":{\"type\":\"linux\"}},")
                    .append("\"process\":{\"name\":\"").append(r[2]).append("\",\"pid\":42,\"executable\":\"/usr/bin/").append(r[2]).append("\"},")
                    .append("\"user\":{\"name\":\"svc\"},\"destination\":{\"ip\":\"93.184.216.34\",\"port\":443}}\n");
        }
        Path file = dir.resolve("fleet.ndjson");
        Files.writeString(file, out);
        return file;
    }

    private static List<JsonNode> score(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NetrareCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args)).as(err.toString()).isZero();
        List<JsonNode> records = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                records.add(Json.mapper().readTree(line));
            }
        }
        return records;
    }

    @Test
    void aFirstTimeProcessAfterTwoDaysGetsARecordOfAtLeastFifty(@TempDir Path dir) throws IOException {
        Path file = fleet(dir);
        List<JsonNode> records = score("score", "--input", file.toString());
        assertThat(records).hasSize(1);
        JsonNode xmrig = records.get(0);
        assertThat(xmrig.path("by_field_value").asText()).isEqualTo("xmrig");
        assertThat(xmrig.path("record_score").asDouble()).isGreaterThanOrEqualTo(50);
        assertThat(xmrig.path("is_interim").asBoolean()).isFalse();
        assertThat(xmrig.path("job_id").asText()).isEqualTo("v3_linux_anomalous_network_activity");
    }

    @Test
    void theModelIsChosenByAnOption(@TempDir Path dir) throws IOException {
        Path file = fleet(dir);
        List<JsonNode> records = score("score", "--input", file.toString(), "--model", "first_seen");
        assertThat(records).extracting(r -> r.path("model").asText() + "/" + r.path("by_field_value").asText())
                .containsExactly("first_seen/xmrig");
    }

    @Test
    void aModelsSettingsAreGivenByOptionAndOneItDoesNotReadIsRefused(@TempDir Path dir) throws IOException {
        Path file = fleet(dir);
        List<JsonNode> records = score("score", "--input", file.toString(), "--model", "peer_rare",
                "--model-setting", "host_group_pattern=^([a-z]+)-\\d+$", "--model-setting", "regroup_every_buckets=8");
        assertThat(records).extracting(r -> r.path("model").asText()).containsOnly("peer_rare");

        StringWriter err = new StringWriter();
        CommandLine cli = NetrareCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("score", "--input", file.toString(), "--model", "first_seen", "--model-setting", "decay=0.001"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("'decay' is not a setting of model first_seen");
        assertThat(cli.execute("score", "--input", file.toString(), "--model", "no_such_model")).isEqualTo(2);
        assertThat(err.toString()).contains("no model implementation of type 'no_such_model' on the classpath; found: ")
                .contains("peer_rare");
    }

    @Test
    void anElasticJobsMemoryLimitSetsTheEntityCap(@TempDir Path dir) throws IOException {
        Path job = dir.resolve("linux_network.json");
        Files.writeString(job, """
                {"analysis_config":{"bucket_span":"30m",
                   "detectors":[{"function":"rare","by_field_name":"process.name","partition_field_name":"host.name"}],
                   "influencers":["host.name","process.name"]},
                 "analysis_limits":{"model_memory_limit":"64mb"}}
                """);
        ScoreCommand command = new ScoreCommand();
        command.job = job;
        command.model = "rare";
        io.netrare.runtime.job.JobSettings settings = command.jobSettings();
        assertThat(settings.jobId()).isEqualTo("linux_network");
        assertThat(settings.bucketSpan()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(settings.partitionFieldName()).isEqualTo("host.name");
        assertThat(settings.modelSettings()).containsEntry("entity_cap", Long.toString(64L * 1024 * 1024 / 320));
        command.modelSettings.put("entity_cap", "5000");
        assertThat(command.jobSettings().modelSettings()).containsEntry("entity_cap", "5000");
        command.modelSettings.clear();
        command.model = "first_seen";
        assertThat(command.jobSettings().modelSettings()).containsEntry("entity_cap", Long.toString(64L * 1024 * 1024 / 320));
    }
}
