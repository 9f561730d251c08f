package io.netrare.alerting.sink;

import io.netrare.runtime.text.SafeText;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Sends alerts to Prometheus Alertmanager's v2 API ({@code POST /api/v2/alerts}). Labels identify the
 * alert (alertname = rule name, rule_id, severity, host, process, job_id, alert_id); annotations carry the
 * reason, the summary, the triage note and the suppressed count. Re-posting the same alert (a retry, a
 * suppression update) only refreshes it in Alertmanager, which deduplicates by label set.
 */
public final class AlertmanagerSink implements AlertSink {

    private final AlertmanagerSinkConfig config;
    private final HttpClient client;
    private final URI endpoint;

    public AlertmanagerSink(AlertmanagerSinkConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.client = HttpClients.create(config.timeout(), null, null, null);
        String base = config.url();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "api/v2/alerts");
    }

    @Override
    public String name() {
        return "alertmanager";
    }

    /** The v2 API's postable alert. */
    record PostableAlert(Map<String, String> labels, Map<String, String> annotations, String startsAt,
                         String generatorURL) {
    }

    static PostableAlert toPostable(Alert alert, String generatorUrlBase) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alert.rule().name());
        labels.put("rule_id", alert.rule().ruleId());
        labels.put("severity", alert.severity());
        putJoined(labels, "host", alert.host() == null ? null : alert.host().name());
        putJoined(labels, "process", alert.process() == null ? null : alert.process().name());
        labels.put("job_id", alert.anomaly() == null ? "" : alert.anomaly().jobId());
        labels.put("alert_id", alert.alertId());
        labels.values().removeIf(String::isEmpty);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", SafeText.line(alert.rule().name() + ": " + alert.reason()));
        annotations.put("reason", SafeText.line(alert.reason()));
        if (alert.note() != null) {
            annotations.put("note", alert.note());
        }
        annotations.put("risk_score", Integer.toString(alert.riskScore()));
        annotations.put("suppressed_count", Long.toString(alert.suppressedCount()));
        return new PostableAlert(labels, annotations, alert.originalTime().toString(), generatorUrlBase + alert.alertId());
    }

    private static void putJoined(Map<String, String> labels, String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            labels.put(name, values.stream().map(SafeText::escape).collect(Collectors.joining(",")));
        }
    }

    @Override
    public void deliver(Alert alert) throws DeliveryException {
        byte[] body = Json.write(List.of(toPostable(alert, config.generatorUrlBase())));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException("Alertmanager " + endpoint + " unreachable: " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", true, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw DeliveryException.forStatus("alertmanager", response.statusCode(), response.body());
        }
    }
}
