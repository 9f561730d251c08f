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
        service(g, topics, "ingest", "dead-letters rejected input", List.of(
                read(topics.raw(), "consumes raw ECS / auditd lines"),
                write(topics.events(), "produces normalized events"),
                read(topics.ingestCheckpoints(), "reads file positions back on start"),
                write(topics.ingestCheckpoints(), "commits file positions with the events")));
        // model (training): events -> model deltas and snapshots; restores shares from the models topic
        service(g, topics, "model", "dead-letters bad events", List.of(
                read(topics.events(), "trains on events"),
                write(topics.models(), "publishes deltas and snapshots"),
                read(topics.models(), "restores its shares on assignment")));
        // scoring: events + every model delta -> anomaly records and late events
        service(g, topics, "scoring", "dead-letters bad events", List.of(
                read(topics.events(), "scores events"),
                read(topics.models(), "follows every share's deltas"),
                write(topics.anomalies(), "produces anomaly records"),
                write(topics.lateEvents(), "keeps events that arrived after their bucket")));
        // alerting: anomaly records -> alerts, dedup state; sink loops read the alerts
        service(g, topics, "alerting", "dead-letters undeliverable alerts", List.of(
                read(topics.anomalies(), "matches records against the rules"),
                write(topics.alerts(), "produces alerts"),
                read(topics.alerts(), "its sink loops deliver alerts"),
                write(topics.alertingState(), "writes dedup and suppression state"),
                read(topics.alertingState(), "restores state on assignment")),
                new Grant("alerting", ResourceType.GROUP, PatternType.PREFIXED, p + ".alerting.sink.", AclOperation.READ,
                        "one group per sink loop"));
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

    /** A right on one topic, in a service's list. */
    private record TopicRight(Topics.TopicSpec<?> topic, AclOperation operation, String why) {
    }

    private static TopicRight read(Topics.TopicSpec<?> topic, String why) {
        return new TopicRight(topic, AclOperation.READ, why);
    }

    private static TopicRight write(Topics.TopicSpec<?> topic, String why) {
        return new TopicRight(topic, AclOperation.WRITE, why);
    }

    /**
     * One service's rights, in the matrix's order: its topic rights, WRITE on its dead-letter topic, READ on its
     * consumer group {@code <prefix>.<service>} and any {@code moreGroups}, WRITE on its transactional ids.
     */
    private static void service(List<Grant> g, Topics topics, String service, String deadLettersWhy,
                                List<TopicRight> rights, Grant... moreGroups) {
        String p = topics.prefix();
        for (TopicRight r : rights) {
            g.add(new Grant(service, ResourceType.TOPIC, PatternType.LITERAL, r.topic().name(), r.operation(), r.why()));
        }
        g.add(new Grant(service, ResourceType.TOPIC, PatternType.LITERAL, topics.deadLetters(service).name(),
                AclOperation.WRITE, deadLettersWhy));
        g.add(new Grant(service, ResourceType.GROUP, PatternType.LITERAL, p + "." + service, AclOperation.READ,
                "its consumer group"));
        g.addAll(List.of(moreGroups));
        g.add(new Grant(service, ResourceType.TRANSACTIONAL_ID, PatternType.PREFIXED, p + "." + service + ".",
                AclOperation.WRITE, "its transactions: ids `" + p + "." + service + ".<loop>.<instance>`"));
    }
}
