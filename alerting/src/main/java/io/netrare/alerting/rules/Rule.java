package io.netrare.alerting.rules;

import io.netrare.schema.Alert;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One Elastic detection rule of {@code type = "machine_learning"}, as read from its TOML file, plus the
 * optional {@code [netrare]} extensions.
 *
 * @param source             where the rule was read from (a file name or a classpath resource)
 * @param anomalyThreshold   records alert when {@code record_score >= anomalyThreshold}
 * @param jobIds             {@code machine_learning_job_id}: one id or several
 * @param interval           how often the anchor's scheduled rule runs ({@code interval})
 * @param lookback           how far back the anchor's rule looks ({@code from = "now-45m"} gives 45m)
 * @param version            {@code version} in {@code [rule]}, 1 when the file has none (detection-rules keeps
 *                           versions in its lock file, not in the rule)
 */
public record Rule(
        String source,
        RuleMetadata metadata,
        String ruleId,
        String name,
        String description,
        String type,
        double anomalyThreshold,
        List<String> jobIds,
        int riskScore,
        Severity severity,
        String note,
        String setup,
        List<String> references,
        List<String> tags,
        List<Alert.Threat> threat,
        List<String> author,
        String license,
        Duration interval,
        String intervalExpression,
        Duration lookback,
        String fromExpression,
        int version,
        int maxSignals,
        NetrareExtensions netrare) {

    public static final String MACHINE_LEARNING = "machine_learning";

    public Rule {
        requireNonNull(source, "source is null");
        requireNonNull(metadata, "metadata is null");
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(name, "name is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(interval, "interval is null");
        requireNonNull(lookback, "lookback is null");
        requireNonNull(netrare, "netrare is null");
        jobIds = List.copyOf(jobIds);
        references = references == null ? List.of() : List.copyOf(references);
        tags = tags == null ? List.of() : List.copyOf(tags);
        threat = threat == null ? List.of() : List.copyOf(threat);
        author = author == null ? List.of() : List.copyOf(author);
    }

    /** True when records of this job are this rule's input. */
    public boolean watches(String jobId) {
        return jobIds.contains(jobId);
    }

    /** The alert document's copy of the rule's metadata. */
    public Alert.RuleInfo info() {
        return new Alert.RuleInfo(ruleId, name, description, version, references, tags, threat,
                anomalyThreshold, jobIds, intervalExpression, fromExpression, author, license);
    }

    /** Elastic's four severities. */
    public enum Severity {
        LOW, MEDIUM, HIGH, CRITICAL;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The {@code [metadata]} table of a detection-rules file. */
    public record RuleMetadata(
            String creationDate,
            String updatedDate,
            String maturity,
            List<String> integration,
            String minStackVersion,
            String minStackComments) {
        public RuleMetadata {
            integration = integration == null ? List.of() : List.copyOf(integration);
        }
    }
}
