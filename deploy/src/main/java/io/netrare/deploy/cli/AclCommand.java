package io.netrare.deploy.cli;

import io.netrare.deploy.security.AclMatrix;
import io.netrare.deploy.security.TopicsConfig;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaAccess;
import io.netrare.schema.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code netrare acl}: prints the {@code kafka-acls.sh} commands that give each service its least rights. */
@Command(name = "acl", mixinStandardHelpOptions = true,
        description = {"Prints the kafka-acls.sh commands that grant each service's principal exactly the rights it needs",
                "(topics, consumer groups, transactional ids), or creates them (--apply --config FILE).",
                "Create the topics first: netrare topics create."})
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

    @Option(names = "--apply", description = "create the ACLs through the Admin API instead of printing commands")
    boolean apply;

    @Option(names = {"--config", "-c"}, paramLabel = "FILE",
            description = "with --apply: the administrator's config (the 'kafka' section of deploy/config/topics.yaml);"
                    + " its kafka.topic_prefix is used")
    Path config;

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
        PrintWriter out = spec.commandLine().getOut();
        if (apply) {
            return apply(out);
        }
        Topics topics = new Topics(topicPrefix);
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

    private int apply(PrintWriter out) {
        TopicsConfig c = CommandSupport.topicsConfig(config, spec).orElse(null);
        if (c == null) {
            return 1;
        }
        List<AclBinding> bindings = AclMatrix.bindings(c.kafka().topics(), principals);
        try (Admin admin = Admin.create(ClientConfigs.admin(c.kafka(), "netrare-acl"))) {
            admin.createAcls(bindings).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? KafkaAccess.translate(e.getCause(), c.kafka(),
                    KafkaAccess.Use.CREATE, null) : e;
            spec.commandLine().getErr().println("cannot create the ACLs: " + cause.getMessage());
            return 1;
        }
        out.println("created " + bindings.size() + " ACLs for " + String.join(", ", AclMatrix.SERVICES)
                + " on topics " + c.kafka().topicPrefix() + ".*");
        out.flush();
        return 0;
    }
}
