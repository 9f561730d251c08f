package io.netrare.deploy.cli;

import io.netrare.runtime.broker.EmbeddedKafkaBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code netrare broker}: a local single-node Kafka broker (KRaft) for running the services as separate processes. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs a local single-node Kafka broker (topics auto-created) until Ctrl-C or SIGTERM.")
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "listener port (default ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--partitions", defaultValue = "4", description = "partitions of auto-created topics (default ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "log directory (default: a temporary one, deleted on exit)")
    Path dataDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (partitions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be at least 1");
        }
        EmbeddedKafkaBroker.Options options = EmbeddedKafkaBroker.Options.defaults()
                .withPort(port).withPartitions(partitions).withAutoCreateTopics(true);
        if (dataDir != null) {
            options = options.withDataDir(dataDir);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "netrare-broker-shutdown"));
        spec.commandLine().getOut().println("bootstrap servers: " + broker.bootstrapServers());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
