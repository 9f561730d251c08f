package io.netrare.deploy.security;

import io.netrare.deploy.cli.NetrareCommand;
import io.netrare.schema.Topics;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ACL matrix: least rights, {@code netrare acl} prints it, docs/operations.md carries it. */
class AclMatrixTest {

    private final Topics topics = new Topics("p");

    @Test
    void noServiceMayCreateOrTouchAnotherServicesOutput() {
        List<AclMatrix.Grant> grants = AclMatrix.grants(topics);
        assertThat(grants).extracting(AclMatrix.Grant::operation)
                .containsOnly(AclOperation.READ, AclOperation.WRITE);
        assertThat(grants).noneMatch(g -> g.resourceType() == ResourceType.CLUSTER);
        // each topic has exactly one writer, dead letters included
        Map<String, String> writers = new java.util.HashMap<>();
        for (AclMatrix.Grant g : grants) {
            if (g.resourceType() == ResourceType.TOPIC && g.operation() == AclOperation.WRITE) {
                assertThat(writers.put(g.resource(), g.service())).as("second writer of %s", g.resource()).isNull();
            }
        }
        assertThat(writers).containsEntry("p.models", "model").containsEntry("p.anomalies", "scoring")
                .containsEntry("p.alerts", "alerting").containsEntry("p.events", "ingest")
                .containsEntry("p.dlq.scoring", "scoring").containsEntry("p.scoring.snapshots", "scoring");
        assertThat(AclMatrix.grants(topics, "scoring")).noneMatch(g -> g.resource().startsWith("p.model."));
    }

    @Test
    void aclCommandPrintsOneKafkaAclsCommandPerRight() {
        StringWriter out = new StringWriter();
        CommandLine cli = NetrareCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("acl", "--topic-prefix", "p", "--bootstrap-server", "kafka:9093",
                "--command-config", "admin.properties", "--principal", "scoring=User:netrare-scoring");
        assertThat(code).isZero();
        List<String> commands = out.toString().lines().filter(l -> l.startsWith("kafka-acls.sh")).toList();
        assertThat(commands).hasSize(AclMatrix.grants(topics).size())
                .allMatch(c -> c.startsWith("kafka-acls.sh --bootstrap-server kafka:9093 --command-config admin.properties --add "))
                .contains("kafka-acls.sh --bootstrap-server kafka:9093 --command-config admin.properties --add"
                        + " --allow-principal User:netrare-scoring --operation Read --topic p.models")
                .contains("kafka-acls.sh --bootstrap-server kafka:9093 --command-config admin.properties --add"
                        + " --allow-principal User:netrare-scoring --operation Write --resource-pattern-type prefixed"
                        + " --transactional-id p.scoring.")
                .contains("kafka-acls.sh --bootstrap-server kafka:9093 --command-config admin.properties --add"
                        + " --allow-principal User:alerting --operation Read --resource-pattern-type prefixed --group p.alerting.sink.");
        assertThat(cli.execute("acl", "--principal", "nosuch=User:x")).isNotZero();
    }

    @Test
    void operationsGuideCarriesTheMatrix() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "operations.md"));
        assertThat(doc).contains(AclMatrix.markdownTable(Topics.withDefaultPrefix()));
    }
}
