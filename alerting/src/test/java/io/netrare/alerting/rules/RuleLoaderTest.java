package io.netrare.alerting.rules;

import io.netrare.schema.Alert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleLoaderTest {

    private final RuleLoader loader = new RuleLoader();

    @Test
    void shippedRuleParsesWithEveryField() {
        Rule rule = loader.loadDefault();
        assertThat(rule.ruleId()).isEqualTo("52afbdc5-db15-485e-bc24-f5707f820c4b");
        assertThat(rule.name()).isEqualTo("Unusual Linux Network Activity");
        assertThat(rule.type()).isEqualTo("machine_learning");
        assertThat(rule.description()).startsWith("Identifies Linux processes that do not usually use the network");
        assertThat(rule.note()).startsWith("## Triage and analysis").contains("consistent cadence");
        assertThat(rule.references()).containsExactly("https://www.elastic.co/guide/en/security/current/prebuilt-ml-jobs.html");
        assertThat(rule.anomalyThreshold()).isEqualTo(50.0);
        assertThat(rule.jobIds()).containsExactly("v3_linux_anomalous_network_activity");
        assertThat(rule.riskScore()).isEqualTo(21);
        assertThat(rule.severity()).isEqualTo(Rule.Severity.LOW);
        assertThat(rule.tags()).contains("OS: Linux", "Rule Type: Machine Learning").hasSize(5);
        assertThat(rule.interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(rule.lookback()).isEqualTo(Duration.ofMinutes(45));
        assertThat(rule.fromExpression()).isEqualTo("now-45m");
        assertThat(rule.author()).containsExactly("Elastic");
        assertThat(rule.license()).isEqualTo("Elastic License v2");
        assertThat(rule.version()).isEqualTo(1);
        assertThat(rule.threat()).isEmpty();
        assertThat(rule.metadata().creationDate()).isEqualTo("2020/03/25");
        assertThat(rule.metadata().updatedDate()).isEqualTo("2023/07/27");
        assertThat(rule.metadata().maturity()).isEqualTo("production");
        assertThat(rule.metadata().integration()).containsExactly("auditd_manager", "endpoint");
        assertThat(rule.metadata().minStackVersion()).isEqualTo("8.3.0");
        assertThat(rule.netrare()).isEqualTo(NetrareExtensions.NONE);
    }

    @Test
    void currentUpstreamRuleParsesWithEveryField() {
        Rule rule = loader.check(resource("detection-rules/rules/ml")).orThrow().get(0);
        assertThat(rule.jobIds()).containsExactly("v3_linux_anomalous_network_activity_ea");
        assertThat(rule.metadata().minStackVersion()).isEqualTo("9.4.0");
        assertThat(rule.metadata().minStackComments()).isEqualTo("Use EA (Entity Analytics) fields");
        assertThat(rule.metadata().integration()).containsExactly("endpoint", "network_traffic");
        assertThat(rule.metadata().updatedDate()).isEqualTo("2026/07/27");
        assertThat(rule.setup()).startsWith("## Setup").contains("Network Packet Capture");
        assertThat(rule.note()).contains("Investigating Unusual Linux Network Activity");
        assertThat(rule.tags()).hasSize(8).contains("Data Source: Elastic Defend", "Resources: Investigation Guide");
        assertThat(rule.anomalyThreshold()).isEqualTo(50.0);
        assertThat(rule.riskScore()).isEqualTo(21);
        assertThat(rule.interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(rule.lookback()).isEqualTo(Duration.ofMinutes(45));

        List<Alert.Threat> threat = rule.threat();
        assertThat(threat).extracting(t -> t.tactic().id()).containsExactly("TA0011", "TA0008", "TA0003", "TA0005", "TA0010");
        assertThat(threat).allMatch(t -> t.framework().equals("MITRE ATT&CK"));
        assertThat(threat.get(0).tactic()).isEqualTo(new Alert.Ref("TA0011", "Command and Control",
                "https://attack.mitre.org/tactics/TA0011/"));
        assertThat(threat.get(0).technique()).containsExactly(new Alert.Technique("T1071",
                "Application Layer Protocol", "https://attack.mitre.org/techniques/T1071/", List.of()));
        assertThat(threat.get(1).technique()).isEmpty();
        assertThat(threat.get(3).technique()).extracting(Alert.Technique::id).containsExactly("T1055");
        assertThat(threat.get(4).technique()).extracting(Alert.Technique::id).containsExactly("T1041");
        assertThat(rule.info().threat()).isEqualTo(threat);
    }

    @Test
    void preEaUpstreamRuleParses() {
        Rule rule = loader.check(resource("detection-rules/pre-ea")).orThrow().get(0);
        assertThat(rule.jobIds()).containsExactly("v3_linux_anomalous_network_activity");
        assertThat(rule.threat()).hasSize(5);
    }

    @Test
    void malformedTomlIsRefusedWithFileLineAndKey(@TempDir Path dir) throws IOException {
        String text = """
                [rule]
                rule_id = "r1"
                name = "Broken"
                anomaly_threshold = = 50
                """;
        Path file = write(dir, "broken.toml", text);
        assertThatThrownBy(() -> loader.loadDirectory(dir))
                .isInstanceOf(RuleLoadException.class)
                .satisfies(e -> {
                    RuleError error = ((RuleLoadException) e).errors().get(0);
                    assertThat(error.file()).isEqualTo(file.toString());
                    assertThat(error.line()).isEqualTo(4);
                    assertThat(error.key()).isEqualTo("anomaly_threshold");
                    assertThat(error.message()).contains("TOML syntax error");
                })
                .hasMessageContaining("broken.toml:4: anomaly_threshold:");
    }

    @Test
    void missingAndInvalidKeysAreAllReportedWithTheirLines(@TempDir Path dir) throws IOException {
        String text = """
                [metadata]
                maturity = "production"

                [rule]
                description = "d"
                name = "No threshold"
                risk_score = 21
                rule_id = "r2"
                severity = "urgent"
                machine_learning_job_id = "job-a"
                type = "machine_learning"
                from = "45m"
                """;
        write(dir, "missing.toml", text);
        RuleLoader.Result result = loader.check(dir);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).extracting(RuleError::key, RuleError::line).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("rule.anomaly_threshold", 4),
                org.assertj.core.groups.Tuple.tuple("rule.severity", 9),
                org.assertj.core.groups.Tuple.tuple("rule.from", 12));
    }

    @Test
    void notAMachineLearningRuleIsRefused(@TempDir Path dir) throws IOException {
        write(dir, "query.toml", minimal("q1", "50").replace("machine_learning\"", "query\""));
        assertThat(loader.check(dir).errors()).singleElement()
                .satisfies(e -> assertThat(e.key()).isEqualTo("rule.type"));
    }

    @Test
    void severalRulesLoadAndDuplicateIdsAreRefused(@TempDir Path dir) throws IOException {
        write(dir, "a.toml", minimal("rule-a", "50"));
        write(dir, "b.toml", minimal("rule-b", "75").replace("\"job-a\"", "[\"job-a\", \"job-b\"]"));
        List<Rule> rules = loader.loadDirectory(dir);
        assertThat(rules).extracting(Rule::ruleId).containsExactly("rule-a", "rule-b");
        assertThat(rules.get(0).jobIds()).containsExactly("job-a");
        assertThat(rules.get(1).jobIds()).containsExactly("job-a", "job-b");
        assertThat(rules.get(1).anomalyThreshold()).isEqualTo(75.0);

        write(dir, "c.toml", minimal("rule-a", "60"));
        assertThat(loader.check(dir).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("also used by"));
    }

    @Test
    void netrareExtensionsParse(@TempDir Path dir) throws IOException {
        write(dir, "ext.toml", minimal("x", "50") + """

                [netrare]
                streaming_alerts = true

                [[netrare.exceptions]]
                description = "backups"
                field = "process.name"
                operator = "is one of"
                values = ["rsync", "pg_dump"]

                [[netrare.exceptions]]
                entries = [
                  { field = "process.name", operator = "is", value = "curl" },
                  { field = "host.name", operator = "wildcard", value = "build-*" },
                ]

                [netrare.suppression]
                group_by = ["host.name", "process.name"]
                window = "1h"

                [netrare.rate_limit]
                max_alerts = 10
                window = "1m"
                """);
        Rule rule = loader.loadDirectory(dir).get(0);
        NetrareExtensions ext = rule.netrare();
        assertThat(ext.streamingAlerts()).isTrue();
        assertThat(ext.exceptions()).hasSize(2);
        assertThat(ext.exceptions().get(0).entries()).containsExactly(new NetrareExtensions.Entry("process.name",
                NetrareExtensions.Operator.IS_ONE_OF, List.of("rsync", "pg_dump")));
        assertThat(ext.exceptions().get(1).entries()).extracting(NetrareExtensions.Entry::operator)
                .containsExactly(NetrareExtensions.Operator.IS, NetrareExtensions.Operator.WILDCARD);
        assertThat(ext.suppression()).isEqualTo(new NetrareExtensions.Suppression(List.of("host.name", "process.name"),
                Duration.ofHours(1)));
        assertThat(ext.rateLimit()).isEqualTo(new NetrareExtensions.RateLimit(10, Duration.ofMinutes(1)));
    }

    @Test
    void badExtensionsAreRefusedWithLines(@TempDir Path dir) throws IOException {
        String text = minimal("x", "50") + """

                [netrare]
                streaming_alerts = "yes"

                [[netrare.exceptions]]
                field = "process.nmae"
                value = "curl"

                [netrare.suppression]
                group_by = ["host.name"]
                window = "forever"

                [netrare.rate_limit]
                max_alerts = 0
                window = "1m"
                """;
        write(dir, "bad-ext.toml", text);
        List<RuleError> errors = loader.check(dir).errors();
        assertThat(errors).extracting(RuleError::key).containsExactlyInAnyOrder("netrare.streaming_alerts",
                "netrare.exceptions.field", "netrare.suppression.window", "netrare.rate_limit.max_alerts");
        int fieldLine = text.lines().toList().indexOf("field = \"process.nmae\"") + 1;
        assertThat(errors).anySatisfy(e -> assertThat(e.line()).isEqualTo(fieldLine));
    }

    static String minimal(String id, String threshold) {
        return """
                [rule]
                anomaly_threshold = %s
                description = "test rule"
                from = "now-45m"
                interval = "15m"
                machine_learning_job_id = "job-a"
                name = "Rule %s"
                risk_score = 47
                rule_id = "%s"
                severity = "medium"
                type = "machine_learning"
                """.formatted(threshold, id, id);
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Path resource(String path) {
        try {
            return Path.of(RuleLoaderTest.class.getClassLoader().getResource(path).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
