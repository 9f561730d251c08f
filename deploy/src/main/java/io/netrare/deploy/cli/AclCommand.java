package io.netrare.deploy.cli;

import io.netrare.deploy.security.AclMatrix;
import io.netrare.schema.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code netrare acl}: prints the {@code kafka-acls.sh} commands that give each service its least rights. */
@Command(name = "acl", mixinStandardHelpOptions = true,
        description = {"Prints the kafka-acls.sh commands that grant each service's principal exactly the rights it needs",
                "(topics, consumer groups, transactional ids). Create the topics first: netrare topics create."})
public final class AclCommand implements Callable<Integer> {

    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX,
            description = "kafka.topic_prefix of the deployment (default ${DEFAULT-VALUE})")
    String topicPrefix;

    @Option(names = "--principal", paramLabel = "SERVICE=PRINCIPAL",
            description = "a service's principal, e.g. scoring=User:netrare-scoring (default User:<service>)")
    Map<String, String> principals = new LinkedHashMap<>();

    @Option(names = "--bootstrap-server", defaultValue = "localhost:9092",
            description = "written into the commands (default ${DEFAULT-VALUE})")
    String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "the administrator's client properties file, written into the commands")
    String commandConfig;

    @Option(names = "--markdown", description = "print the matrix as a Markdown table instead")
    boolean markdown;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (String service : principals.keySet()) {
            if (!AclMatrix.SERVICES.contains(service)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown service " + service + "; one of " + String.join(", ", AclMatrix.SERVICES));
            }
        }
        Topics topics = new Topics(topicPrefix);
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.print(AclMatrix.markdownTable(topics));
            out.flush();
            return 0;
        }
        for (String service : AclMatrix.SERVICES) {
            String principal = AclMatrix.principalOf(service, principals);
            out.println("# " + service + " (" + principal + ")");
            for (AclMatrix.Grant g : AclMatrix.grants(topics, service)) {
                out.println(AclMatrix.kafkaAclsCommand(g, principal, bootstrapServer, commandConfig));
            }
        }
        out.flush();
        return 0;
    }
}
