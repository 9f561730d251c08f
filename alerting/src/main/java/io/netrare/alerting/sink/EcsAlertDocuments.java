package io.netrare.alerting.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;

import java.util.List;

/**
 * The documents the elasticsearch sink writes. An alert becomes what Elastic Security's alerts index holds
 * for a machine-learning rule: flat {@code kibana.alert.*} keys (as Kibana's alerts-as-data writes them),
 * {@code event.kind: signal}, the ECS fields of the anomaly's influencers and the anomaly's ML fields at the
 * top level, plus {@code netrare.*}. Its anomaly becomes an {@code .ml-anomalies-*} {@code result_type: record}
 * document (influencer values also at the top level, as the ML job writes them).
 */
public final class EcsAlertDocuments {

    private EcsAlertDocuments() {
    }

    /** The id of an alert's anomaly record document: {@code <job_id>_record_<record_id>}. */
    public static String recordDocumentId(Alert alert) {
        return alert.anomaly().jobId() + "_record_" + alert.anomaly().recordId();
    }

    public static ObjectNode alert(Alert alert) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("@timestamp", text(alert.timestamp()));
        doc.put("event.kind", "signal");
        doc.put("kibana.alert.uuid", alert.alertId());
        doc.put("kibana.alert.status", "active");
        doc.put("kibana.alert.workflow_status", "open");
        doc.put("kibana.alert.depth", 1);
        doc.put("kibana.alert.original_time", text(alert.originalTime()));
        doc.put("kibana.alert.reason", alert.reason());
        doc.put("kibana.alert.risk_score", alert.riskScore());
        doc.put("kibana.alert.severity", alert.severity());
        doc.put("kibana.alert.suppression.docs_count", alert.suppressedCount());
        Alert.RuleInfo rule = alert.rule();
        doc.put("kibana.alert.rule.uuid", rule.ruleId());
        doc.put("kibana.alert.rule.rule_id", rule.ruleId());
        doc.put("kibana.alert.rule.name", rule.name());
        doc.put("kibana.alert.rule.description", rule.description());
        doc.put("kibana.alert.rule.type", "machine_learning");
        doc.put("kibana.alert.rule.rule_type_id", "siem.mlRule");
        doc.put("kibana.alert.rule.category", "Machine Learning Rule");
        doc.put("kibana.alert.rule.producer", "siem");
        doc.put("kibana.alert.rule.consumer", "siem");
        doc.put("kibana.alert.rule.enabled", true);
        doc.put("kibana.alert.rule.version", rule.version());
        doc.put("kibana.alert.rule.risk_score", alert.riskScore());
        doc.put("kibana.alert.rule.severity", alert.severity());
        doc.set("kibana.alert.rule.tags", strings(rule.tags()));
        doc.set("kibana.alert.rule.references", strings(rule.references()));
        doc.set("kibana.alert.rule.author", strings(rule.author()));
        doc.put("kibana.alert.rule.license", rule.license());
        doc.set("kibana.alert.rule.threat", Json.mapper().valueToTree(rule.threat()));
        doc.put("kibana.alert.rule.anomaly_threshold", rule.anomalyThreshold());
        doc.set("kibana.alert.rule.machine_learning_job_id", strings(rule.machineLearningJobIds()));
        doc.put("kibana.alert.rule.interval", rule.interval());
        doc.put("kibana.alert.rule.from", rule.from());
        doc.put("kibana.alert.rule.note", alert.note());
        doc.set("kibana.space_ids", strings(List.of("default")));
        ecs(doc, alert);
        Alert.AnomalyInfo anomaly = alert.anomaly();
        if (anomaly != null) {
            ObjectNode ancestor = doc.putArray("kibana.alert.ancestors").addObject();
            ancestor.put("id", recordDocumentId(alert));
            ancestor.put("type", "event");
            ancestor.put("depth", 0);
            mlFields(doc, alert);
        }
        doc.put("netrare.alert_id", alert.alertId());
        doc.put("netrare.lateness_ms", alert.latenessMillis());
        doc.put("netrare.late", alert.late());
        doc.put("netrare.suppressed_count", alert.suppressedCount());
        if (anomaly != null) {
            doc.put("netrare.record_id", anomaly.recordId());
            doc.put("netrare.record_version", anomaly.recordVersion());
            if (anomaly.explanation() != null) {
                doc.set("netrare.explanation", Json.mapper().valueToTree(anomaly.explanation()));
            }
        }
        return doc;
    }

    /** The alert's anomaly as an ML {@code result_type: record} document. */
    public static ObjectNode record(Alert alert) {
        ObjectNode doc = Json.mapper().createObjectNode();
        mlFields(doc, alert);
        doc.put("timestamp", alert.originalTime() == null ? null : alert.originalTime().toEpochMilli());
        doc.put("detector_index", 0);
        ArrayNode influencers = doc.putArray("influencers");
        influencer(influencers, "host.name", alert.host() == null ? null : alert.host().name());
        influencer(influencers, "process.name", alert.process() == null ? null : alert.process().name());
        influencer(influencers, "user.name", alert.user() == null ? null : alert.user().name());
        influencer(influencers, "destination.ip", alert.destination() == null ? null : alert.destination().ip());
        ecs(doc, alert);
        doc.put("netrare.record_id", alert.anomaly().recordId());
        doc.put("netrare.record_version", alert.anomaly().recordVersion());
        return doc;
    }

    private static void mlFields(ObjectNode doc, Alert alert) {
        Alert.AnomalyInfo a = alert.anomaly();
        doc.put("job_id", a.jobId());
        doc.put("result_type", "record");
        doc.put("record_score", a.recordScore());
        doc.put("initial_record_score", a.initialRecordScore());
        doc.put("probability", a.probability());
        doc.put("is_interim", a.interim());
        putIfSet(doc, "by_field_name", a.byFieldName());
        putIfSet(doc, "by_field_value", a.byFieldValue());
        putIfSet(doc, "partition_field_name", a.partitionFieldName());
        putIfSet(doc, "partition_field_value", a.partitionFieldValue());
    }

    private static void ecs(ObjectNode doc, Alert alert) {
        putValues(doc, "host.name", alert.host() == null ? null : alert.host().name());
        putValues(doc, "process.name", alert.process() == null ? null : alert.process().name());
        putValues(doc, "user.name", alert.user() == null ? null : alert.user().name());
        putValues(doc, "destination.ip", alert.destination() == null ? null : alert.destination().ip());
    }

    private static void influencer(ArrayNode influencers, String field, List<String> values) {
        if (values != null && !values.isEmpty()) {
            ObjectNode i = influencers.addObject();
            i.put("influencer_field_name", field);
            i.set("influencer_field_values", strings(values));
        }
    }

    private static void putValues(ObjectNode doc, String field, List<String> values) {
        if (values != null && !values.isEmpty()) {
            doc.set(field, strings(values));
        }
    }

    private static void putIfSet(ObjectNode doc, String field, String value) {
        if (value != null) {
            doc.put(field, value);
        }
    }

    private static JsonNode strings(List<String> values) {
        ArrayNode array = Json.mapper().createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
