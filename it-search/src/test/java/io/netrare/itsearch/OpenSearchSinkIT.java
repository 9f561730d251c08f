package io.netrare.itsearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.alerting.AlertFactory;
import io.netrare.alerting.AlertIds;
import io.netrare.alerting.service.AlertingConfig;
import io.netrare.alerting.service.AlertingMain;
import io.netrare.alerting.rules.RuleLoader;
import io.netrare.alerting.sink.DeliveryConfig;
import io.netrare.alerting.sink.ElasticsearchSinkConfig;
import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.Alert;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alerting service with the elasticsearch sink, on a real embedded Kafka broker and a real OpenSearch node
 * carrying the index templates of deploy/elasticsearch: anomalies in, alert documents with ECS and
 * {@code kibana.alert.*} fields out, searchable; the sink re-run over the whole alerts topic (a crash before
 * any commit) leaves one document per alert; a mapping conflict is dead-lettered with the node's reason; the
 * sink reads the alerts topic, the outbox, and nothing else.
 */
class OpenSearchSinkIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    static final OpenSearchNode NODE = new OpenSearchNode();

    private static final String JOB = "v3_linux_anomalous_network_activity";
    private static final String RULE = "52afbdc5-db15-485e-bc24-f5707f820c4b";
    private static final String ALERTS = "netrare-alerts-it";
    private static final String RECORDS = "netrare-ml-anomalies-it";
    private static final Instant BUCKET = Instant.parse("2026-11-27T10:00:00Z");

    @BeforeAll
    static void templates() throws Exception {
        NODE.installTemplate("netrare-alerts.index-template.json");
        NODE.installTemplate("netrare-ml-anomalies.index-template.json");
    }

    @Test
    void alertsLandOnceEachWithTheirFieldsAndAConflictIsDeadLettered() throws Exception {
        KafkaSettings kafka = KAFKA.settings("alerting-es").withTopicPrefix(KAFKA.uniqueTopic("es"));
        TopicAdmin.createAll(kafka, 2);
        String anomalies = kafka.topics().anomalies().name();
        String alertsTopic = kafka.topics().alerts().name();
        String dlq = kafka.topics().deadLetters("alerting").name();
        AlertingConfig config = AlertingConfig.of(null, null, null, null, null,
                        DeliveryConfig.of(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(30)))
                .withElasticsearch(ElasticsearchSinkConfig.at(NODE.url()).withIndices(ALERTS, RECORDS))
                .withKafka(kafka).withMetrics(MetricsSettings.localFreePort());

        List<AnomalyRecord> records = List.of(record("r1", "141.94.96.144"), record("r2", "10.0.0.7"),
                record("r3", "2001:db8::1"), record("bad", "not-an-ip"));
        // an alert written straight to the outbox, from no anomaly the service saw: the sink still delivers it
        Alert direct = AlertFactory.create(new RuleLoader().loadDefault(), record("direct", "192.0.2.1"),
                BUCKET.plusSeconds(1000));

        try (RunningService<AlertingConfig> service = AlertingMain.runner().start(config)) {
            produce(anomalies, records.stream().map(r -> Map.entry(r.kafkaKey(), Json.write(r))).toList());
            produce(alertsTopic, List.of(Map.entry(direct.kafkaKey(), Json.write(direct))));

            List<ConsumerRecord<byte[], byte[]>> dead = KAFKA.readCommitted(dlq, 1, Duration.ofSeconds(90));
            assertThat(Json.read(dead.get(0).value(), Alert.class).anomaly().recordId()).isEqualTo("bad");
            String reason = header(dead.get(0), "netrare.dlq.error.reason");
            assertThat(reason).contains(ALERTS).contains("400").contains("mapper_parsing_exception")
                    .contains("destination.ip");
            assertThat(header(dead.get(0), "netrare.dlq.stage")).isEqualTo("sink-elasticsearch");
            await().atMost(Duration.ofSeconds(60)).until(() -> hits(ALERTS, "{\"match_all\":{}}").size() == 4);
            assertThat(assignedTopics(kafka, kafka.topicPrefix() + ".alerting.sink.elasticsearch"))
                    .as("the sink's consumer group reads the outbox and nothing else").containsExactly(alertsTopic);
        }

        Set<String> expected = Set.of("r1", "r2", "r3", "direct").stream().map(id -> AlertIds.of(RULE, JOB, id))
                .collect(Collectors.toSet());
        assertThat(ids(ALERTS)).isEqualTo(expected);

        JsonNode r1 = source(ALERTS, "{\"term\":{\"netrare.record_id\":\"r1\"}}");
        assertThat(r1.path("event.kind").asText()).isEqualTo("signal");
        assertThat(r1.path("kibana.alert.uuid").asText()).isEqualTo(AlertIds.of(RULE, JOB, "r1"));
        assertThat(r1.path("kibana.alert.rule.rule_id").asText()).isEqualTo(RULE);
        assertThat(r1.path("kibana.alert.rule.name").asText()).isEqualTo("Unusual Linux Network Activity");
        assertThat(r1.path("kibana.alert.original_time").asText()).isEqualTo(BUCKET.toString());
        assertThat(r1.path("kibana.alert.severity").asText()).isEqualTo("low");
        assertThat(r1.path("kibana.alert.risk_score").asInt()).isEqualTo(21);
        assertThat(r1.path("kibana.alert.reason").asText()).contains("proc-r1").contains("web-07");
        assertThat(r1.path("process.name").get(0).asText()).isEqualTo("proc-r1");
        assertThat(r1.path("record_score").asDouble()).isEqualTo(80.0);

        // searchable by the mapped fields: kibana.alert.*, ECS keywords, an ip range, a date range
        assertThat(hits(ALERTS, "{\"bool\":{\"filter\":[{\"term\":{\"kibana.alert.rule.rule_id\":\"" + RULE + "\"}},"
                + "{\"term\":{\"event.kind\":\"signal\"}},{\"term\":{\"kibana.alert.severity\":\"low\"}}]}}")).hasSize(4);
        assertThat(hits(ALERTS, "{\"term\":{\"destination.ip\":\"10.0.0.0/8\"}}")).hasSize(1);
        assertThat(hits(ALERTS, "{\"range\":{\"kibana.alert.original_time\":{\"gte\":\"2026-11-27T09:00:00Z\"}}}"))
                .hasSize(4);
        assertThat(hits(ALERTS, "{\"match_phrase\":{\"kibana.alert.reason.text\":\"proc-r2 on host\"}}")).hasSize(1);
        // the anomaly record documents, shaped like .ml-anomalies-* results
        assertThat(hits(RECORDS, "{\"bool\":{\"filter\":[{\"term\":{\"result_type\":\"record\"}},"
                + "{\"term\":{\"job_id\":\"" + JOB + "\"}},{\"nested\":{\"path\":\"influencers\",\"query\":"
                + "{\"term\":{\"influencers.influencer_field_name\":\"destination.ip\"}}}}]}}")).hasSizeGreaterThanOrEqualTo(4);

        // a crash before the sink committed anything: rewind its group, run again over the same alerts; every
        // alert is delivered again (the node answers 409, the sink counts it delivered), no document changes
        Map<String, Long> written = seqNos(ALERTS);
        assertThat(written).as("sequence numbers of the alert documents").hasSize(4);
        rewind(kafka, kafka.topicPrefix() + ".alerting.sink.elasticsearch", alertsTopic);
        try (RunningService<AlertingConfig> service = AlertingMain.runner()
                .start(config.withMetrics(MetricsSettings.localFreePort()))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> delivered(service.metricsPort()) >= 4);
            List<ConsumerRecord<byte[], byte[]>> dead = KAFKA.readCommitted(dlq, 2, Duration.ofSeconds(60));
            assertThat(dead).hasSize(2); // the conflict again, nothing else
            assertThat(delivered(service.metricsPort())).isEqualTo(4);
        }
        assertThat(hits(ALERTS, "{\"match_all\":{}}")).hasSize(4);
        assertThat(ids(ALERTS)).isEqualTo(expected);
        assertThat(seqNos(ALERTS)).as("documents untouched by the redelivery").isEqualTo(written);
    }

    private static AnomalyRecord record(String id, String destination) {
        return new AnomalyRecord(1, id, 1, JOB, "record", BUCKET.toEpochMilli(), 900, 0, "rare", "rare",
                "process.name", "proc-" + id, null, null, 1e-6, 80, 80, false,
                List.of(new AnomalyRecord.Influencer("host.name", List.of("web-07")),
                        new AnomalyRecord.Influencer("process.name", List.of("proc-" + id)),
                        new AnomalyRecord.Influencer("destination.ip", List.of(destination))),
                "rare", null, BUCKET.plusSeconds(900));
    }

    private static void produce(String topic, List<Map.Entry<String, byte[]>> records) {
        KAFKA.produce(topic, records.stream()
                .map(e -> Map.entry(e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue())).toList());
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<JsonNode> hits(String index, String query) {
        List<JsonNode> hits = new ArrayList<>();
        NODE.searchAll(index, query).path("hits").forEach(hits::add);
        return hits;
    }

    private static Set<String> ids(String index) {
        return hits(index, "{\"match_all\":{}}").stream().map(h -> h.path("_id").asText()).collect(Collectors.toSet());
    }

    private static JsonNode source(String index, String query) {
        List<JsonNode> hits = hits(index, query);
        assertThat(hits).hasSize(1);
        return hits.get(0).path("_source");
    }

    private static void rewind(KafkaSettings kafka, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(ClientConfigs.admin(kafka, "it-rewind"))) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> start.put(new TopicPartition(topic, p.partition()), new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(group, start).all().get();
        }
    }

    private static Map<String, Long> seqNos(String index) {
        NODE.post("/" + index + "/_refresh", "{}");
        Map<String, Long> seqNos = new HashMap<>();
        NODE.post("/" + index + "/_search", "{\"size\":100,\"seq_no_primary_term\":true}").path("hits").path("hits")
                .forEach(h -> {
                    assertThat(h.path("_seq_no").isIntegralNumber()).as("_seq_no of %s", h.path("_id")).isTrue();
                    seqNos.put(h.path("_id").asText(), h.path("_seq_no").asLong());
                });
        return seqNos;
    }

    /** {@code netrare_alerting_sink_deliveries_total{sink="elasticsearch"}} of a running service. */
    private static double delivered(int metricsPort) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body().lines()
                .filter(l -> l.startsWith("netrare_alerting_sink_deliveries_total{") && l.contains("sink=\"elasticsearch\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static Set<String> assignedTopics(KafkaSettings kafka, String group) throws Exception {
        try (Admin admin = Admin.create(ClientConfigs.admin(kafka, "it-describe"))) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                    .flatMap(m -> m.assignment().topicPartitions().stream()).map(TopicPartition::topic)
                    .collect(Collectors.toSet());
        }
    }
}
