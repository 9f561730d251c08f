package io.netrare.deploy.ops;

import com.sun.net.httpserver.HttpServer;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.ServiceConfig;
import io.netrare.runtime.ServiceRunner;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Explanation;
import io.netrare.schema.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric that deploy/prometheus/alerts.yml and the Grafana dashboard query is one the services really
 * expose: the four services start from their example configs on a real broker, get input that exercises
 * every path the rules watch (events, rejected input, dead letters, an alert, a failing and a working sink),
 * and their /metrics pages are scraped over HTTP.
 */
class OpsMetricsIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** Series Prometheus makes up itself rather than scrapes. */
    private static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{|\\s)");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<ServiceCatalog, RunningService<?>> RUNNING = new EnumMap<>(ServiceCatalog.class);
    private static HttpServer webhook;
    private static KafkaSettings kafka;

    @BeforeAll
    static void startServices() throws IOException {
        kafka = KAFKA.settings("ops").withTopicPrefix(KAFKA.uniqueTopic("ops"));
        TopicAdmin.createAll(kafka, 2);
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        for (ServiceCatalog s : ServiceCatalog.values()) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "NETRARE_KAFKA__BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "NETRARE_KAFKA__TOPIC_PREFIX", kafka.topicPrefix(),
                    "NETRARE_KAFKA__INSTANCE_ID", "ops-" + s.serviceName(),
                    "NETRARE_METRICS__HOST", "127.0.0.1",
                    "NETRARE_METRICS__PORT", String.valueOf(MetricsSettings.localFreePort().port())));
            if (s == ServiceCatalog.ALERTING) {
                env.putAll(Map.of(
                        "NETRARE_CONSOLE__ENABLED", "false",
                        "NETRARE_WEBHOOK__ENABLED", "true",
                        "NETRARE_WEBHOOK__URL", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook",
                        // nothing listens there: every delivery fails, then the sink gives up on the alert
                        "NETRARE_ALERTMANAGER__ENABLED", "true",
                        "NETRARE_ALERTMANAGER__URL", "http://127.0.0.1:" + closedPort(),
                        "NETRARE_ALERTMANAGER__TIMEOUT", "1s",
                        "NETRARE_DELIVERY__INITIAL_BACKOFF", "50ms",
                        "NETRARE_DELIVERY__DEADLINE", "5s"));
            }
            RUNNING.put(s, start(s.runner(), OpsConfigsTest.exampleConfig(s), env));
        }
    }

    /** Loads the example config file with the test's overrides and starts the service in this JVM. */
    private static <C extends ServiceConfig> RunningService<C> start(ServiceRunner<C> runner, Path file, Map<String, String> env) {
        return runner.start(runner.loadConfig(file, env));
    }

    @AfterAll
    static void stopServices() {
        RUNNING.values().forEach(RunningService::stop);
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void alertRulesAndDashboardQueryOnlyExposedMetrics() throws Exception {
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        byte[] garbage = "not json".getBytes(StandardCharsets.UTF_8);
        KAFKA.produce(kafka.topics().raw().name(), List.of(
                Map.entry(bytes("a"), bytes(endpointDoc(now, "curl"))),
                Map.entry(bytes("b"), bytes("not telemetry"))));
        KAFKA.produce(kafka.topics().events().name(), List.of(Map.entry(bytes("x"), garbage)));
        KAFKA.produce(kafka.topics().anomalies().name(), List.of(
                Map.entry(bytes("rec-1"), Json.write(anomaly())),
                Map.entry(bytes("rec-2"), garbage)));

        Set<String> wanted = new TreeSet<>();
        OpsFiles.alertExpressions().forEach(e -> wanted.addAll(OpsFiles.metricNames(e)));
        OpsFiles.dashboardExpressions().forEach(e -> wanted.addAll(OpsFiles.metricNames(e)));
        wanted.removeAll(SYNTHETIC);
        assertThat(wanted).contains("netrare_alerting_sink_failures_total", "kafka_consumer_fetch_manager_records_lag_max");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> exposed = new TreeSet<>();
            for (ServiceCatalog s : ServiceCatalog.values()) {
                exposed.addAll(scrape(RUNNING.get(s).metricsPort()));
            }
            List<String> missing = new ArrayList<>();
            for (String name : wanted) {
                if (!exposed.contains(name) && !exposed.contains(family(name))) {
                    missing.add(name);
                }
            }
            assertThat(missing).as("metrics named by alerts.yml / netrare-dashboard.json that no service exposes; exposed: %s",
                    exposed.stream().filter(n -> n.startsWith("netrare_")).toList()).isEmpty();
        });

        // each service's own series come from that service (the job label in the rules means what it says)
        for (ServiceCatalog s : ServiceCatalog.values()) {
            Set<String> own = scrape(RUNNING.get(s).metricsPort());
            wanted.stream().filter(n -> n.startsWith(s.metricPrefix()))
                    .forEach(n -> assertThat(own.contains(n) || own.contains(family(n))).as("%s exposes %s", s, n).isTrue());
            assertThat(own).as("%s binds the Kafka consumer metrics", s).contains("kafka_consumer_fetch_manager_records_lag_max");
        }
    }

    /** A histogram's or summary's series name → its family (x_seconds_bucket → x_seconds). */
    private static String family(String name) {
        return name.replaceFirst("_(bucket|sum|count)$", "");
    }

    /** Every sample name and family (# TYPE) on a /metrics page, after /health/live answered. */
    private static Set<String> scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> live = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).isEqualTo(200);
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        Set<String> names = new TreeSet<>();
        for (String line : page.body().split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            } else if (!line.startsWith("#")) {
                Matcher m = SAMPLE.matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String endpointDoc(String timestamp, String process) {
        return "{\"@timestamp\":\"" + timestamp + "\",\"event\":{\"action\":\"connection_attempted\",\"category\":[\"network\"],"
                + "\"type\":[\"start\"],\"module\":\"endpoint\"},\"host\":{\"name\":\"web-07\",\"os\":{\"type\":\"linux\"}},"
                + "\"process\":{\"name\":\"" + process + "\",\"pid\":7},\"destination\":{\"ip\":\"45.9.20.1\",\"port\":3333}}";
    }

    /** A final record over the default rule's threshold (50), for the shipped rule's job. */
    private static AnomalyRecord anomaly() {
        Instant bucket = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<AnomalyRecord.Influencer> influencers = List.of(
                new AnomalyRecord.Influencer("host.name", List.of("web-07")),
                new AnomalyRecord.Influencer("process.name", List.of("xmrig")));
        Explanation why = new Explanation(0L, 0.0, 96L, true, bucket, null, 0.0, List.of(),
                null, null, null, null, "never seen using the network before");
        return new AnomalyRecord(AnomalyRecord.SCHEMA_VERSION, "ops-rec-1", 1, "v3_linux_anomalous_network_activity", "record",
                bucket.toEpochMilli(), 900, 0, "rare", "rare", "process.name", "xmrig", null, null,
                1.2e-7, 93, 93, false, influencers, "rare", why, bucket.plusSeconds(900));
    }
}
