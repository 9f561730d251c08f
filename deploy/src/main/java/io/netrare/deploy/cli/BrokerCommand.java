package io.netrare.deploy.cli;

import io.netrare.runtime.broker.EmbeddedKafkaBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code netrare broker}: a local single-node Kafka broker (KRaft) for running the services as separate processes. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Runs a local single-node Kafka broker (topics auto-created) until Ctrl-C or SIGTERM.",
                "Plaintext by default; --listener SSL or SASL_SSL (SCRAM-SHA-512) with --keystore, and --authorizer for",
                "ACLs. Store and user passwords are read from files or the environment, never the command line."})
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "listener port (default ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--partitions", defaultValue = "4", description = "partitions of auto-created topics (default ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "log directory (default: a temporary one, deleted on exit)")
    Path dataDir;

    @Option(names = "--listener", defaultValue = "PLAINTEXT",
            description = "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (default ${DEFAULT-VALUE})")
    String listener;

    @Option(names = "--keystore", paramLabel = "FILE", description = "the broker's PKCS12 key store (SSL, SASL_SSL)")
    Path keystore;

    @Option(names = "--truststore", paramLabel = "FILE", description = "PKCS12 trust store for client certificates")
    Path truststore;

    @Option(names = "--store-password-file", paramLabel = "FILE",
            description = "password of both stores (default: the environment variable NETRARE_BROKER_STORE_PASSWORD)")
    Path storePasswordFile;

    @Option(names = "--client-auth", description = "require TLS client certificates (mutual TLS); principals are their CN")
    boolean clientAuth;

    @Option(names = "--scram-users", paramLabel = "FILE", description = "SCRAM-SHA-512 users, one 'name=password' a line")
    Path scramUsers;

    @Option(names = "--super-user", defaultValue = "admin",
            description = "the administrator: a SCRAM user, or the CN of the broker's certificate (default ${DEFAULT-VALUE})")
    String superUser;

    @Option(names = "--authorizer", description = "install the KRaft StandardAuthorizer: every other principal needs ACLs")
    boolean authorizer;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The broker's security from the options; plaintext when none is given. */
    EmbeddedKafkaBroker.Security security(Map<String, String> env) {
        String protocol = listener.toUpperCase(Locale.ROOT);
        try {
            if (protocol.equals("PLAINTEXT") && !authorizer) {
                return EmbeddedKafkaBroker.Security.plaintext();
            }
            String password = storePasswordFile != null ? Files.readString(storePasswordFile).strip()
                    : env.get("NETRARE_BROKER_STORE_PASSWORD");
            Map<String, String> users = new LinkedHashMap<>();
            if (scramUsers != null) {
                for (String line : Files.readAllLines(scramUsers)) {
                    int eq = line.indexOf('=');
                    if (!line.isBlank() && !line.startsWith("#")) {
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--scram-users: expected name=password, got a line without '='");
                        }
                        users.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                    }
                }
            }
            return new EmbeddedKafkaBroker.Security(protocol, keystore, truststore, password, clientAuth, users,
                    superUser, authorizer);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (partitions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be at least 1");
        }
        EmbeddedKafkaBroker.Options options = EmbeddedKafkaBroker.Options.defaults()
                .withPort(port).withPartitions(partitions).withAutoCreateTopics(true).withSecurity(security(System.getenv()));
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
