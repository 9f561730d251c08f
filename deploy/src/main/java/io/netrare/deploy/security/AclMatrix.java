package io.netrare.deploy.security;

import io.netrare.schema.Topics;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The least rights each service's principal needs when the topics exist ({@code netrare topics create}): what
 * it reads and writes, its consumer groups and its transactional ids. No service needs CREATE, and none needs
 * a cluster right: an idempotent producer's IDEMPOTENT_WRITE is implied by WRITE on a topic (Kafka 3.0 and
 * later), and READ and WRITE imply DESCRIBE. Consumer groups are {@code <prefix>.<service>} (alerting's sink
 * loops add {@code <prefix>.alerting.sink.<sink>}); transactional ids start with {@code <prefix>.<service>.}.
 */
public final class AclMatrix {

    /** The four services, in data-flow order. */
    public static final List<String> SERVICES = List.of("ingest", "model", "scoring", "alerting");

    /** One right of one service. */
    public record Grant(String service, ResourceType resourceType, PatternType patternType, String resource,
                        AclOperation operation, String why) {
        public Grant {
            requireNonNull(service, "service is null");
            requireNonNull(resource, "resource is null");
        }

        /** The Kafka ACL for {@code principal} ({@code User:<name>}). */
        public AclBinding binding(String principal) {
            return new AclBinding(new ResourcePattern(resourceType, resource, patternType),
                    new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
        }
    }

    private AclMatrix() {
    }

    /** Every right of every service for topics named by {@code topics}. */
    public static List<Grant> grants(Topics topics) {
        String p = topics.prefix();
        List<Grant> g = new ArrayList<>();
        // ingest: raw lines and files -> events; file positions in its own compacted topic
        topic(g, "ingest", topics.raw(), AclOperation.READ, "consumes raw ECS / auditd lines");
        topic(g, "ingest", topics.events(), AclOperation.WRITE, "produces normalized events");
        topic(g, "ingest", topics.ingestCheckpoints(), AclOperation.READ, "reads file positions back on start");
        topic(g, "ingest", topics.ingestCheckpoints(), AclOperation.WRITE, "commits file positions with the events");
        topic(g, "ingest", topics.deadLetters("ingest"), AclOperation.WRITE, "dead-letters rejected input");
        group(g, "ingest", p + ".ingest", PatternType.LITERAL, "its consumer group");
        transactions(g, "ingest", p);
        // model (training): events -> model deltas and snapshots; restores shares from the models topic
        topic(g, "model", topics.events(), AclOperation.READ, "trains on events");
        topic(g, "model", topics.models(), AclOperation.WRITE, "publishes deltas and snapshots");
        topic(g, "model", topics.models(), AclOperation.READ, "restores its shares on assignment");
        topic(g, "model", topics.deadLetters("model"), AclOperation.WRITE, "dead-letters bad events");
        group(g, "model", p + ".model", PatternType.LITERAL, "its consumer group");
        transactions(g, "model", p);
        // scoring: events + every model delta -> anomaly records and late events
        topic(g, "scoring", topics.events(), AclOperation.READ, "scores events");
        topic(g, "scoring", topics.models(), AclOperation.READ, "follows every share's deltas");
        topic(g, "scoring", topics.anomalies(), AclOperation.WRITE, "produces anomaly records");
        topic(g, "scoring", topics.lateEvents(), AclOperation.WRITE, "keeps events that arrived after their bucket");
        topic(g, "scoring", topics.deadLetters("scoring"), AclOperation.WRITE, "dead-letters bad events");
        group(g, "scoring", p + ".scoring", PatternType.LITERAL, "its consumer group");
        transactions(g, "scoring", p);
        // alerting: anomaly records -> alerts, dedup state; sink loops read the alerts
        topic(g, "alerting", topics.anomalies(), AclOperation.READ, "matches records against the rules");
        topic(g, "alerting", topics.alerts(), AclOperation.WRITE, "produces alerts");
        topic(g, "alerting", topics.alerts(), AclOperation.READ, "its sink loops deliver alerts");
        topic(g, "alerting", topics.alertingState(), AclOperation.WRITE, "writes dedup and suppression state");
        topic(g, "alerting", topics.alertingState(), AclOperation.READ, "restores state on assignment");
        topic(g, "alerting", topics.deadLetters("alerting"), AclOperation.WRITE, "dead-letters undeliverable alerts");
        group(g, "alerting", p + ".alerting", PatternType.LITERAL, "its consumer group");
        group(g, "alerting", p + ".alerting.sink.", PatternType.PREFIXED, "one group per sink loop");
        transactions(g, "alerting", p);
        return List.copyOf(g);
    }

    /** The rights of one service. */
    public static List<Grant> grants(Topics topics, String service) {
        return grants(topics).stream().filter(g -> g.service().equals(service)).toList();
    }

    /** The Kafka ACLs for every service, each service's principal from {@code principals} (default {@code User:<service>}). */
    public static List<AclBinding> bindings(Topics topics, Map<String, String> principals) {
        return grants(topics).stream().map(g -> g.binding(principalOf(g.service(), principals))).toList();
    }

    public static String principalOf(String service, Map<String, String> principals) {
        return principals.getOrDefault(service, "User:" + service);
    }

    /**
     * The {@code kafka-acls.sh} command that adds one grant, e.g.
     * {@code kafka-acls.sh --bootstrap-server B --command-config admin.properties --add --allow-principal
     * User:scoring --operation Read --topic netrare.models}.
     */
    public static String kafkaAclsCommand(Grant g, String principal, String bootstrapServer, String commandConfig) {
        StringBuilder c = new StringBuilder("kafka-acls.sh --bootstrap-server ").append(bootstrapServer);
        if (commandConfig != null && !commandConfig.isBlank()) {
            c.append(" --command-config ").append(commandConfig);
        }
        c.append(" --add --allow-principal ").append(principal).append(" --operation ").append(operationName(g.operation()));
        if (g.patternType() == PatternType.PREFIXED) {
            c.append(" --resource-pattern-type prefixed");
        }
        switch (g.resourceType()) {
            case TOPIC -> c.append(" --topic ").append(g.resource());
            case GROUP -> c.append(" --group ").append(g.resource());
            case TRANSACTIONAL_ID -> c.append(" --transactional-id ").append(g.resource());
            case CLUSTER -> c.append(" --cluster");
            default -> throw new IllegalArgumentException("unexpected resource type " + g.resourceType());
        }
        return c.toString();
    }

    /** {@code READ} -> {@code Read}, {@code IDEMPOTENT_WRITE} -> {@code IdempotentWrite}: kafka-acls' spelling. */
    static String operationName(AclOperation op) {
        StringBuilder out = new StringBuilder();
        for (String part : op.name().split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    /** The matrix as a Markdown table (docs/operations.md carries it). */
    public static String markdownTable(Topics topics) {
        StringBuilder t = new StringBuilder("| principal | operation | resource | name | why |\n|---|---|---|---|---|\n");
        for (Grant g : grants(topics)) {
            t.append("| `User:").append(g.service()).append("` | ").append(g.operation().name()).append(" | ")
                    .append(g.resourceType().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .append(g.patternType() == PatternType.PREFIXED ? " (prefix)" : "").append(" | `")
                    .append(g.resource()).append("` | ").append(g.why()).append(" |\n");
        }
        return t.toString();
    }

    private static void topic(List<Grant> g, String service, Topics.TopicSpec topic, AclOperation op, String why) {
        g.add(new Grant(service, ResourceType.TOPIC, PatternType.LITERAL, topic.name(), op, why));
    }

    private static void group(List<Grant> g, String service, String group, PatternType pattern, String why) {
        g.add(new Grant(service, ResourceType.GROUP, pattern, group, AclOperation.READ, why));
    }

    private static void transactions(List<Grant> g, String service, String prefix) {
        g.add(new Grant(service, ResourceType.TRANSACTIONAL_ID, PatternType.PREFIXED, prefix + "." + service + ".",
                AclOperation.WRITE, "its transactions: ids `" + prefix + "." + service + ".<loop>.<instance>`"));
    }
}
