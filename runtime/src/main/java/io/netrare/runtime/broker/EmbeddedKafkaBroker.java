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
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

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
     */
    public record Options(int port, int partitions, boolean autoCreateTopics, Path dataDir) {
        public static Options defaults() {
            return new Options(0, 1, false, null);
        }

        public Options withPort(int p) {
            return new Options(p, partitions, autoCreateTopics, dataDir);
        }

        public Options withPartitions(int n) {
            return new Options(port, n, autoCreateTopics, dataDir);
        }

        public Options withAutoCreateTopics(boolean on) {
            return new Options(port, partitions, on, dataDir);
        }

        public Options withDataDir(Path dir) {
            return new Options(port, partitions, autoCreateTopics, dir);
        }
    }

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
            Properties props = properties(dir, brokerPort, controllerPort, options);
            Path file = dir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(file)) {
                props.store(w, "netrare embedded broker");
            }
            if (!formatted(dir)) {
                format(file); // a restart on its own data keeps the cluster id written at the first start
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafkaBroker(dir, temp, brokerPort, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded broker", e);
        }
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
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
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

    private static void format(Path configFile) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                    configFile.toString(), "--ignore-formatted"}, out);
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
