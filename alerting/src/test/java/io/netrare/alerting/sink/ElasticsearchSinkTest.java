package io.netrare.alerting.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The elasticsearch sink's request and its reading of bulk responses, against a real HTTP server on 127.0.0.1
 * that answers scripted per-item statuses (the node itself is in it-search's OpenSearchSinkIT).
 */
class ElasticsearchSinkTest {

    record Request(String authorization, List<JsonNode> actions) {
    }

    private HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Per request, the status of each item in order; missing requests answer 201 for every item. */
    private final List<int[]> script = new CopyOnWriteArrayList<>();
    private final Instant raisedAt = Instant.parse("2026-11-27T10:15:00.842Z");

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/_bulk", exchange -> {
            String[] lines = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<JsonNode> actions = new ArrayList<>();
            for (int i = 0; i < lines.length; i += 2) {
                actions.add(Json.mapper().readTree(lines[i]).path("index"));
            }
            int n = requests.size();
            requests.add(new Request(exchange.getRequestHeaders().getFirst("Authorization"), actions));
            int[] statuses = n < script.size() ? script.get(n) : new int[0];
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < actions.size(); i++) {
                int status = i < statuses.length ? statuses[i] : 201;
                String error = status == 400
                        ? ",\"error\":{\"type\":\"mapper_parsing_exception\",\"reason\":\"failed to parse field [destination.ip] of type [ip]\"}"
                        : status == 429 ? ",\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}" : "";
                items.append(i == 0 ? "" : ",").append("{\"index\":{\"_id\":\"").append(actions.get(i).path("_id").asText())
                        .append("\",\"status\":").append(status).append(error).append("}}");
            }
            byte[] body = ("{\"took\":1,\"errors\":true,\"items\":[" + items + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private ElasticsearchSink sink(String apiKey, String user, String password, Function<String, String> env) {
        return new ElasticsearchSink(new ElasticsearchSinkConfig(true, url(), "alerts-x", "records-x", apiKey, user,
                password, null, null, null, Duration.ofSeconds(5)), env);
    }

    /**
     * Attempts as the sink loop does: again after a retriable failure (up to 5 attempts), never after a permanent
     * one. Returns null when delivered, else the failure that ends delivery (it goes to the dead letters).
     */
    private static DeliveryException attempt(ElasticsearchSink sink, Alert alert) {
        DeliveryException last = null;
        for (int i = 0; i < 5; i++) {
            try {
                sink.deliver(alert);
                return null;
            } catch (DeliveryException e) {
                last = e;
                if (!e.retriable()) {
                    return e;
                }
            }
        }
        return last;
    }

    @Test
    void eachDocumentIsIndexedWithTheAlertIdAndAnExternalVersion() throws Exception {
        Alert alert = TestAlerts.alert("rec-1", raisedAt);
        assertThat(attempt(sink(null, null, null, k -> null), alert)).isNull();

        List<JsonNode> actions = requests.get(0).actions();
        assertThat(actions).hasSize(2);
        assertThat(actions.get(0).path("_index").asText()).isEqualTo("alerts-x");
        assertThat(actions.get(0).path("_id").asText()).isEqualTo(alert.alertId());
        assertThat(actions.get(0).path("version_type").asText()).isEqualTo("external");
        assertThat(actions.get(0).path("version").asLong()).isEqualTo(0);
        assertThat(actions.get(1).path("_index").asText()).isEqualTo("records-x");
        assertThat(actions.get(1).path("_id").asText()).isEqualTo("v3_linux_anomalous_network_activity_record_rec-1");
        assertThat(requests.get(0).authorization()).isNull();
    }

    @Test
    void aThrottledItemIsRetriedAloneAndTheWrittenOneIsNotSentAgain() throws Exception {
        script.add(new int[] {201, 429});
        script.add(new int[] {429});

        assertThat(attempt(sink(null, null, null, k -> null), TestAlerts.alert("rec-1", raisedAt))).isNull();

        assertThat(requests).hasSize(3);
        assertThat(requests.get(1).actions()).extracting(a -> a.path("_index").asText()).containsExactly("records-x");
        assertThat(requests.get(2).actions()).extracting(a -> a.path("_index").asText()).containsExactly("records-x");
    }

    @Test
    void aMappingConflictIsDeadLetteredWithTheItemsReason() throws Exception {
        script.add(new int[] {400, 201});

        DeliveryException failure = attempt(sink(null, null, null, k -> null), TestAlerts.alert("rec-1", raisedAt));

        assertThat(requests).hasSize(1);
        assertThat(failure).isNotNull().returns(false, DeliveryException::retriable);
        assertThat(failure.getMessage()).contains("alerts-x/").contains("400")
                .contains("mapper_parsing_exception").contains("destination.ip");
    }

    @Test
    void aVersionConflictMeansTheIndexAlreadyHoldsThisOrANewerVersion() throws Exception {
        script.add(new int[] {409, 409});
        assertThat(attempt(sink(null, null, null, k -> null), TestAlerts.alert("rec-1", raisedAt))).isNull();
        assertThat(requests).hasSize(1);
    }

    @Test
    void aSuppressionUpdateCarriesItsCountAsTheVersion() throws Exception {
        Alert update = TestAlerts.alert("rec-1", raisedAt).withSuppressedCount(3, raisedAt.plusSeconds(60));
        assertThat(attempt(sink(null, null, null, k -> null), update)).isNull();
        assertThat(requests.get(0).actions().get(0).path("version").asLong()).isEqualTo(3);
    }

    @Test
    void apiKeyAndBasicAuthComeFromSecrets() throws Exception {
        Alert alert = TestAlerts.alert("rec-1", raisedAt);
        sink("env:ES_KEY", null, null, Map.of("ES_KEY", "aWQ6a2V5")::get).deliver(alert);
        sink(null, "netrare", "env:ES_PASSWORD", Map.of("ES_PASSWORD", "pw")::get).deliver(alert);

        assertThat(requests.get(0).authorization()).isEqualTo("ApiKey aWQ6a2V5");
        assertThat(requests.get(1).authorization()).isEqualTo(
                "Basic " + Base64.getEncoder().encodeToString("netrare:pw".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void credentialsAreReadForEveryRequestAndAnUnreadableOneIsAnAuthenticationFailure(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("api-key"), "Zmlyc3Q=\n");
        ElasticsearchSink sink = sink("file:" + key, null, null, k -> null);
        sink.deliver(TestAlerts.alert("rec-1", raisedAt));
        Files.writeString(key, "c2Vjb25k\n"); // the operator rotates the key
        sink.deliver(TestAlerts.alert("rec-2", raisedAt));
        assertThat(requests).extracting(Request::authorization).containsExactly("ApiKey Zmlyc3Q=", "ApiKey c2Vjb25k");

        ElasticsearchSink unset = sink(null, "netrare", "env:ES_PASSWORD", k -> null);
        assertThatThrownBy(() -> unset.deliver(TestAlerts.alert("rec-3", raisedAt)))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.authFailure()).isTrue())
                .hasMessageContaining("env:ES_PASSWORD");
        assertThat(requests).hasSize(2);
    }

    @Test
    void theConfigRefusesWhatCannotWork() {
        assertThatThrownBy(() -> new ElasticsearchSinkConfig(true, "", null, null, null, null, null, null, null, null, null))
                .hasMessageContaining("elasticsearch.url");
        assertThatThrownBy(() -> ElasticsearchSinkConfig.at("http://x:9200").withIndices("Netrare-Alerts", null))
                .hasMessageContaining("alerts_index");
        assertThatThrownBy(() -> new ElasticsearchSinkConfig(true, "http://x:9200", null, null, "env:K", "u", "env:P",
                null, null, null, null)).hasMessageContaining("either api_key or username");
        assertThatThrownBy(() -> new ElasticsearchSinkConfig(true, "http://x:9200", null, null, "plain-key", null, null,
                null, null, null, null)).hasMessageContaining("env:NAME").hasMessageNotContaining("plain-key");
        assertThatThrownBy(() -> new ElasticsearchSinkConfig(true, "http://x:9200", null, null, null, "u", null,
                null, null, null, null)).hasMessageContaining("go together");
    }

    @Test
    void theAlertDocumentCarriesElasticSecurityAlertFields() {
        Alert alert = TestAlerts.alert("rec-1", raisedAt);
        JsonNode doc = EcsAlertDocuments.alert(alert);
        assertThat(doc.path("event.kind").asText()).isEqualTo("signal");
        assertThat(doc.path("@timestamp").asText()).isEqualTo("2026-11-27T10:15:00.842Z");
        assertThat(doc.path("kibana.alert.uuid").asText()).isEqualTo(alert.alertId());
        assertThat(doc.path("kibana.alert.original_time").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(doc.path("kibana.alert.rule.name").asText()).isEqualTo("Unusual Linux Network Activity");
        assertThat(doc.path("kibana.alert.rule.rule_id").asText()).isEqualTo("52afbdc5-db15-485e-bc24-f5707f820c4b");
        assertThat(doc.path("kibana.alert.risk_score").asInt()).isEqualTo(21);
        assertThat(doc.path("kibana.alert.severity").asText()).isEqualTo("low");
        assertThat(doc.path("kibana.alert.reason").asText()).contains("xmrig");
        assertThat(doc.path("process.name").get(0).asText()).isEqualTo("xmrig");
        assertThat(doc.path("destination.ip").get(0).asText()).isEqualTo("141.94.96.144");
        assertThat(doc.path("record_score").asDouble()).isEqualTo(93.0);
        assertThat(doc.path("job_id").asText()).isEqualTo("v3_linux_anomalous_network_activity");

        JsonNode record = EcsAlertDocuments.record(alert);
        assertThat(record.path("result_type").asText()).isEqualTo("record");
        assertThat(record.path("timestamp").asLong()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z").toEpochMilli());
        assertThat(record.path("influencers")).extracting(i -> i.path("influencer_field_name").asText())
                .contains("host.name", "process.name");
        assertThat(record.path("by_field_value").asText()).isEqualTo("xmrig");
    }

    @Test
    void everyKeyIsDocumented() throws IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "alerting.md"));
        for (java.lang.reflect.RecordComponent c : ElasticsearchSinkConfig.class.getRecordComponents()) {
            String key = "elasticsearch." + c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
            assertThat(doc).as(key).contains("`" + key + "`");
        }
    }
}
