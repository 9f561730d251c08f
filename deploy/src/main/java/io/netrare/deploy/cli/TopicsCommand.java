package io.netrare.deploy.cli;

import io.netrare.deploy.security.TopicsConfig;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code netrare topics create}: every topic of a deployment, created ahead of time with its documented settings. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Manages the deployment's topics.",
        subcommands = TopicsCommand.Create.class)
public final class TopicsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Creates every topic (events, models, anomalies, alerts, state, checkpoints, dead letters) that",
                    "does not exist yet, with the partitions, replication, min.insync.replicas, compaction and retention",
                    "of the config's 'topics' section. Run it as an administrator; the services then need no CREATE right.",
                    "Config keys can be overridden by NETRARE_<PATH> environment variables."})
    public static final class Create implements Callable<Integer> {

        @Option(names = {"--config", "-c"}, paramLabel = "FILE",
                description = "YAML with 'kafka' (connection, admin credentials) and 'topics' sections; default: defaults")
        Path config;

        @Option(names = "--bootstrap-server", description = "overrides kafka.bootstrap_servers")
        String bootstrapServer;

        @Option(names = "--print", description = "print the equivalent kafka-topics.sh commands instead of connecting")
        boolean print;

        @Option(names = "--command-config", paramLabel = "FILE",
                description = "with --print: the administrator's client properties file, written into the commands")
        String commandConfig;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TopicsConfig c = CommandSupport.topicsConfig(config, spec).orElse(null);
            if (c == null) {
                return 1;
            }
            KafkaSettings kafka = bootstrapServer == null ? c.kafka()
                    : KafkaSettings.forBootstrap(bootstrapServer).withTopicPrefix(c.kafka().topicPrefix())
                    .withProperties(c.kafka().properties());
            List<NewTopic> plan = TopicAdmin.plan(kafka.topics(), c.topics());
            PrintWriter out = spec.commandLine().getOut();
            if (print) {
                kafkaTopicsCommands(new TopicsConfig(kafka, c.topics()), commandConfig).forEach(out::println);
                out.flush();
                return 0;
            }
            List<String> created = TopicAdmin.ensure(kafka, plan);
            for (NewTopic t : plan) {
                out.println((created.contains(t.name()) ? "created  " : "exists   ") + describe(t));
            }
            out.flush();
            return 0;
        }
    }

    /** One topic as {@code name partitions=… replication=… config=…}. */
    static String describe(NewTopic t) {
        return t.name() + " partitions=" + t.numPartitions() + " replication=" + t.replicationFactor()
                + (t.configs() == null || t.configs().isEmpty() ? "" : " " + new TreeMap<>(t.configs()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
    }

    /** The {@code kafka-topics.sh --create --if-not-exists} commands that create the topics {@code config} plans. */
    public static List<String> kafkaTopicsCommands(TopicsConfig config, String commandConfig) {
        return TopicAdmin.plan(config.kafka().topics(), config.topics()).stream()
                .map(t -> kafkaTopicsCommand(t, config.kafka().bootstrapServers(), commandConfig)).toList();
    }

    /** The {@code kafka-topics.sh --create --if-not-exists} command for one planned topic. */
    static String kafkaTopicsCommand(NewTopic t, String bootstrapServer, String commandConfig) {
        StringBuilder c = new StringBuilder("kafka-topics.sh --bootstrap-server ").append(bootstrapServer);
        if (commandConfig != null && !commandConfig.isBlank()) {
            c.append(" --command-config ").append(commandConfig);
        }
        c.append(" --create --if-not-exists --topic ").append(t.name())
                .append(" --partitions ").append(t.numPartitions())
                .append(" --replication-factor ").append(t.replicationFactor());
        Map<String, String> configs = t.configs() == null ? Map.of() : new TreeMap<>(t.configs());
        configs.forEach((k, v) -> c.append(" --config ").append(k).append('=').append(v));
        return c.toString();
    }
}
