package io.netrare.alerting.service;

import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Anomaly records for the alerting service ITs, shaped as the scoring service writes them, and their producing. */
final class AnomalyRecords {

    static final String JOB = "v3_linux_anomalous_network_activity";
    /** The shipped rule's id. */
    static final String RULE = "52afbdc5-db15-485e-bc24-f5707f820c4b";
    static final Instant BUCKET = Instant.parse("2026-11-27T10:00:00Z");

    private AnomalyRecords() {
    }

    /** A final record of process {@code proc-<id>} on web-07, version 1, scored 90: over the shipped rule's threshold. */
    static AnomalyRecord record(String id) {
        return record(id, "proc-" + id, 1, 90, false);
    }

    static AnomalyRecord record(String id, long version, double score, boolean interim) {
        return record(id, "proc-" + id, version, score, interim);
    }

    static AnomalyRecord record(String id, String process, long version, double score, boolean interim) {
        return new AnomalyRecord(1, id, version, JOB, "record", BUCKET.toEpochMilli(), 900, 0, "rare", "rare",
                "process.name", process, null, null, 1e-6, score, score, interim,
                List.of(new AnomalyRecord.Influencer("host.name", List.of("web-07")),
                        new AnomalyRecord.Influencer("process.name", List.of(process))),
                "rare", null, BUCKET.plusSeconds(900));
    }

    /** The record as the anomalies topic holds it: its Kafka key and JSON value. */
    static Map.Entry<byte[], byte[]> entry(AnomalyRecord record) {
        return Map.entry(record.kafkaKey().getBytes(StandardCharsets.UTF_8), Json.write(record));
    }

    static void produce(KafkaBrokerExtension kafka, String topic, List<AnomalyRecord> records) {
        kafka.produce(topic, records.stream().map(AnomalyRecords::entry).toList());
    }
}
