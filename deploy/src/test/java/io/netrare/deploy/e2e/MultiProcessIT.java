package io.netrare.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import io.netrare.simulator.Label;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * netrare as an SRE runs it: a broker process, the four services as four processes started from their
 * jars, and a real Prometheus scraping them. A simulated fleet goes in; alerts for the injected attacks come
 * out on the alerts topic; Prometheus sees all four up and a non-zero alert counter; the scoring process,
 * killed with SIGKILL mid-stream and started again, loses and duplicates no alert.
 */
class MultiProcessIT {

    private static final String PREFIX = "netrare";
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path work;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void fourServiceProcessesUnderPrometheusSurviveAScoringKill() throws Exception {
        Path prometheus = Path.of("/usr/bin/prometheus");
        if ("true".equals(System.getenv("CI"))) {
            assertThat(prometheus).as("Debian's prometheus package (.ci/run installs it)").exists();
        }
        assumeThat(prometheus).exists();
        Map<String, Path> jars = Map.of("ingest", jar("ingest"), "model", jar("model"), "scoring", jar("scoring"),
                "alerting", jar("alerting"));

        int brokerPort = freePort();
        String bootstrap = "127.0.0.1:" + brokerPort;
        start("broker", List.of(java(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.netrare.runtime.broker.EmbeddedKafkaBroker", Integer.toString(brokerPort), "4"));
        KafkaSettings kafka = KafkaSettings.forBootstrap(bootstrap).withTopicPrefix(PREFIX);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> TopicAdmin.createAll(kafka, 4));

        FleetSimulator sim = new FleetSimulator(FleetSpec.demo().withSeed(23));
        Path fleet = work.resolve("fleet.ndjson");
        try (Writer w = Files.newBufferedWriter(fleet)) {
            sim.writeEcs(w);
        }
        Map<String, Integer> ports = Map.of("ingest", freePort(), "model", freePort(), "scoring", freePort(),
                "alerting", freePort());
        String ingestExtra = "ingest:\n  files: [\"" + fleet + "\"]\n  raw_topic: false\n  max_past: none\n  batch_lines: 2000\n";
        startService("scoring", jars, ports, bootstrap, "");
        startService("model", jars, ports, bootstrap, "training:\n  idle_timeout: 3s\n");
        startService("alerting", jars, ports, bootstrap, "");
        int prometheusPort = freePort();
        startPrometheus(prometheusPort, ports);
        startService("ingest", jars, ports, bootstrap, ingestExtra);

        // kill scoring once it has written some records, mid-stream
        await().atMost(Duration.ofMinutes(3)).until(() -> topicSize(kafka, kafka.topics().anomalies().name()) >= 30);
        Process scoring = processes.stream().filter(p -> p.info().commandLine().orElse("").contains("netrare-scoring.jar"))
                .findFirst().orElseThrow();
        scoring.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        startService("scoring", jars, ports, bootstrap, "");

        List<Label> fleetWide = sim.attacks().stream().filter(a -> "fleet_rare".equals(a.visibleTo())).toList();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            List<Alert> alerts = alerts(kafka);
            return fleetWide.stream().allMatch(a -> alerts.stream().anyMatch(al -> hit(al, a)));
        });
        Thread.sleep(5000); // anything late would still show up as a duplicate
        List<Alert> alerts = alerts(kafka);
        Map<String, Long> perId = alerts.stream().collect(Collectors.groupingBy(Alert::alertId, Collectors.counting()));
        assertThat(perId.values()).as("alerts written twice").allMatch(n -> n == 1);
        for (Label attack : fleetWide) {
            assertThat(alerts).as("alert for %s on %s", attack.processName(), attack.host()).anyMatch(a -> hit(a, attack));
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode up = query(prometheusPort, "up");
            assertThat(up).hasSize(4);
            up.forEach(r -> assertThat(r.path("value").get(1).asText()).as(r.toString()).isEqualTo("1"));
            JsonNode raised = query(prometheusPort, "sum(netrare_alerting_alerts_total)");
            assertThat(raised).hasSize(1);
            assertThat(Double.parseDouble(raised.get(0).path("value").get(1).asText())).isPositive();
        });
    }

    private static boolean hit(Alert alert, Label attack) {
        return alert.process() != null && alert.process().name().contains(attack.processName())
                && alert.host() != null && alert.host().name().contains(attack.host());
    }

    private static Path jar(String module) {
        Path jar = Path.of("..", module, "target", "netrare-" + module + ".jar").toAbsolutePath().normalize();
        assertThat(jar).as("the service jar (built by mvn package)").exists();
        return jar;
    }

    private void startService(String service, Map<String, Path> jars, Map<String, Integer> ports, String bootstrap,
                              String extra) throws IOException {
        String yaml = """
                kafka:
                  bootstrap_servers: "%s"
                  topic_prefix: %s
                  instance_id: %s-1
                  transaction_timeout: 10s
                metrics:
                  host: 127.0.0.1
                  port: %d
                %s""".formatted(bootstrap, PREFIX, service, ports.get(service), extra);
        Path config = work.resolve(service + ".yaml");
        Files.writeString(config, yaml);
        start(service, List.of(java(), "-Xmx384m", "-jar", jars.get(service).toString(), "--config", config.toString()));
    }

    private void startPrometheus(int port, Map<String, Integer> ports) throws IOException {
        StringBuilder yaml = new StringBuilder("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n");
        ports.forEach((service, p) -> yaml.append("  - job_name: ").append(service)
                .append("\n    static_configs:\n      - targets: [\"127.0.0.1:").append(p).append("\"]\n"));
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, yaml);
        start("prometheus", List.of("/usr/bin/prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port));
    }

    private void start(String name, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".log").toFile()));
        processes.add(pb.start());
    }

    private static JsonNode query(int port, String promql) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(response.body()).path("data").path("result");
    }

    private static List<Alert> alerts(KafkaSettings kafka) {
        List<Alert> out = new ArrayList<>();
        read(kafka, kafka.topics().alerts().name(), r -> out.add(Json.read(r.value(), Alert.class)));
        return out;
    }

    private static long topicSize(KafkaSettings kafka, String topic) {
        long[] n = {0};
        read(kafka, topic, r -> n[0]++);
        return n[0];
    }

    private static void read(KafkaSettings kafka, String topic, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(kafka, "it-reader", null, 5000))) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
