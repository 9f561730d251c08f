package io.netrare.runtime.broker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) on 127.0.0.1, with a temporary data
 * directory: for tests, the one-JVM demo and {@code netrare broker}. Tuned for one node: replication 1
 * everywhere (offsets and transaction state logs included), no initial rebalance delay. Topic
 * auto-creation is off by default, so a misspelt topic fails loudly; turn it on with
 * {@link Options#autoCreateTopics}. Requires {@code kafka_2.13} on the classpath (an optional
 * dependency of runtime: services do not ship it).
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Options.defaults())) {
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /**
     * @param port              broker port, 0 for a free one
     * @param partitions        default {@code num.partitions}
     * @param autoCreateTopics  {@code auto.create.topics.enable}
     * @param dataDir           data directory, or null for a temporary one deleted on stop
     * @param security          the client listener's protocol, TLS stores, SCRAM users and authorizer
     */
    public record Options(int port, int partitions, boolean autoCreateTopics, Path dataDir, Security security) {
        public Options {
            security = security == null ? Security.plaintext() : security;
        }

        public static Options defaults() {
            return new Options(0, 1, false, null, Security.plaintext());
        }

        public Options withPort(int p) {
            return new Options(p, partitions, autoCreateTopics, dataDir, security);
        }

        public Options withPartitions(int n) {
            return new Options(port, n, autoCreateTopics, dataDir, security);
        }

        public Options withAutoCreateTopics(boolean on) {
            return new Options(port, partitions, on, dataDir, security);
        }

        public Options withDataDir(Path dir) {
            return new Options(port, partitions, autoCreateTopics, dir, security);
        }

        public Options withSecurity(Security s) {
            return new Options(port, partitions, autoCreateTopics, dataDir, s);
        }
    }

    /**
     * How clients reach the broker. The client listener is also the inter-broker listener (the broker sends
     * transaction markers to itself through it): with SASL it logs in as {@code superUser}, with TLS only it
     * presents its own certificate. The controller listener stays plaintext on 127.0.0.1 and its anonymous
     * principal is a super user: this broker is for tests, demos and development, not for production.
     *
     * @param protocol          {@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}
     * @param keystore          the broker's PKCS12 key store (SSL, SASL_SSL)
     * @param truststore        PKCS12 trust store for client certificates (mTLS) and the broker's own client side
     * @param storePassword     password of both stores and of the key
     * @param clientAuth        TLS client certificates required (mTLS); principals are their CN
     * @param scramUsers        SCRAM-SHA-512 users and passwords, written at format time (SASL)
     * @param superUser         user name of the super user (the administrator); with SASL it must be in
     *                          {@code scramUsers}, with TLS only it is the CN of the broker's certificate
     * @param authorizer        true installs the KRaft {@code StandardAuthorizer}: every other principal needs ACLs
     */
    public record Security(String protocol, Path keystore, Path truststore, String storePassword, boolean clientAuth,
                           Map<String, String> scramUsers, String superUser, boolean authorizer) {
        public Security {
            requireNonNull(protocol, "protocol is null");
            scramUsers = scramUsers == null ? Map.of() : Map.copyOf(scramUsers);
            if (!List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(protocol)) {
                throw new IllegalArgumentException("unknown security protocol " + protocol);
            }
            if (protocol.endsWith("SSL") && (keystore == null || storePassword == null)) {
                throw new IllegalArgumentException(protocol + " needs a key store and its password");
            }
            if (protocol.startsWith("SASL") && (superUser == null || !scramUsers.containsKey(superUser))) {
                throw new IllegalArgumentException(protocol + " needs the super user among the SCRAM users");
            }
            if (authorizer && superUser == null) {
                throw new IllegalArgumentException("the authorizer needs a super user");
            }
        }

        public static Security plaintext() {
            return new Security("PLAINTEXT", null, null, null, false, Map.of(), null, false);
        }

        /** SASL_SSL with SCRAM-SHA-512, {@code admin} as the super user, no authorizer. */
        public static Security saslSsl(Path keystore, Path truststore, String storePassword, String admin,
                                       Map<String, String> users) {
            return new Security("SASL_SSL", keystore, truststore, storePassword, false, users, admin, false);
        }

        public Security withAuthorizer(boolean on) {
            return new Security(protocol, keystore, truststore, storePassword, clientAuth, scramUsers, superUser, on);
        }

        public Security withClientAuth(boolean required) {
            return new Security(protocol, keystore, truststore, storePassword, required, scramUsers, superUser, authorizer);
        }

        boolean ssl() {
            return protocol.endsWith("SSL");
        }

        boolean sasl() {
            return protocol.startsWith("SASL");
        }
    }

    private static final String SCRAM = "SCRAM-SHA-512";

    private final Path dir;
    private final boolean deleteDir;
    private final int brokerPort;
    private final KafkaRaftServer server;
    private boolean stopped;

    private EmbeddedKafkaBroker(Path dir, boolean deleteDir, int brokerPort, KafkaRaftServer server) {
        this.dir = dir;
        this.deleteDir = deleteDir;
        this.brokerPort = brokerPort;
        this.server = server;
    }

    /**
     * Formats the storage (only when the data directory has not been formatted before, so a node restarted
     * on its own data keeps its cluster id) and starts the node; returns when it accepts connections
     * (about 1.5 s).
     */
    public static EmbeddedKafkaBroker start(Options options) {
        try {
            boolean temp = options.dataDir() == null;
            Path dir = temp ? Files.createTempDirectory("netrare-kafka-") : Files.createDirectories(options.dataDir());
            int brokerPort = options.port() == 0 ? freePort() : options.port();
            int controllerPort = freePort();
            while (controllerPort == brokerPort) { // the system may hand out the port it just freed again
                controllerPort = freePort();
            }
            Properties props = properties(dir, brokerPort, controllerPort, options);
            Path file = dir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(file)) {
                props.store(w, "netrare embedded broker");
            }
            if (!formatted(dir)) {
                format(file, options.security()); // a restart on its own data keeps the cluster id written at the first start
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafkaBroker(dir, temp, brokerPort, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded broker", e);
        }
    }

    /** The node's data directory (a temporary one, deleted at close, unless {@link Options#dataDir()} named it). */
    public Path dataDir() {
        return dir;
    }

    /** Starts with {@link Options#defaults()}. */
    public static EmbeddedKafkaBroker start() {
        return start(Options.defaults());
    }

    private static Properties properties(Path dir, int brokerPort, int controllerPort, Options o) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        Security security = o.security();
        String listener = security.protocol().equals("PLAINTEXT") ? "PLAINTEXT" : "CLIENT";
        p.put("listeners", listener + "://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", listener + "://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", listener + ":" + security.protocol() + ",CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", listener);
        secure(p, security, listener.toLowerCase(java.util.Locale.ROOT));
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("num.partitions", Integer.toString(o.partitions()));
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", Boolean.toString(o.autoCreateTopics()));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        return p;
    }

    private static void secure(Properties p, Security s, String listener) {
        if (s.ssl()) {
            p.put("ssl.keystore.type", "PKCS12");
            p.put("ssl.keystore.location", s.keystore().toString());
            p.put("ssl.keystore.password", s.storePassword());
            p.put("ssl.key.password", s.storePassword());
            if (s.truststore() != null) {
                p.put("ssl.truststore.type", "PKCS12");
                p.put("ssl.truststore.location", s.truststore().toString());
                p.put("ssl.truststore.password", s.storePassword());
            }
            p.put("ssl.client.auth", s.clientAuth() ? "required" : "none");
            // a certificate's principal is its CN: User:scoring, not User:CN=scoring
            p.put("ssl.principal.mapping.rules", "RULE:^CN=([^,]+)$/$1/,DEFAULT");
        }
        if (s.sasl()) {
            p.put("sasl.enabled.mechanisms", SCRAM);
            p.put("sasl.mechanism.inter.broker.protocol", SCRAM);
            p.put("listener.name." + listener + ".scram-sha-512.sasl.jaas.config", scramJaas(s.superUser(),
                    s.scramUsers().get(s.superUser())));
        }
        if (s.authorizer()) {
            p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            // the controller listener is plaintext on loopback: its anonymous principal is the node itself
            p.put("super.users", "User:" + s.superUser() + ";User:ANONYMOUS");
        }
    }

    /** The JAAS line a SCRAM client (or the broker's inter-broker side) logs in with. */
    public static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** True when the data directory was formatted by an earlier start ({@code meta.properties} present). */
    static boolean formatted(Path dir) {
        return Files.exists(dir.resolve("data").resolve("meta.properties"));
    }

    /** The cluster id the data directory was formatted with, if it was. */
    public static java.util.Optional<String> clusterId(Path dir) {
        Path meta = dir.resolve("data").resolve("meta.properties");
        if (!Files.exists(meta)) {
            return java.util.Optional.empty();
        }
        Properties p = new Properties();
        try (java.io.Reader r = Files.newBufferedReader(meta)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
        return java.util.Optional.ofNullable(p.getProperty("cluster.id"));
    }

    private static void format(Path configFile, Security security) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int rc;
        List<String> args = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c",
                configFile.toString(), "--ignore-formatted"));
        security.scramUsers().forEach((user, password) -> {
            args.add("--add-scram");
            args.add(SCRAM + "=[name=" + user + ",password=" + password + "]");
        });
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(args.toArray(String[]::new), out);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting the broker storage failed: " + buffer.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public int port() {
        return brokerPort;
    }

    /** Shuts the node down, waits for its threads and deletes the temporary data directory. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        server.shutdown();
        server.awaitShutdown();
        if (deleteDir) {
            deleteRecursively(dir);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir left behind is harmless
        }
    }

    /** {@code netrare broker}: runs a node until the process is stopped. Args: [port] [partitions]. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        EmbeddedKafkaBroker broker = start(Options.defaults().withPort(port).withPartitions(partitions).withAutoCreateTopics(true));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "netrare-broker-shutdown"));
        System.out.println("bootstrap servers: " + broker.bootstrapServers());
        Thread.currentThread().join();
    }
}
