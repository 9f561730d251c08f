package io.netrare.alerting.sink;

import io.netrare.runtime.text.SafeText;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Sends alerts to Prometheus Alertmanager's v2 API ({@code POST /api/v2/alerts}). Labels identify the
 * alert (alertname = rule name, rule_id, severity, host, process, job_id, alert_id); annotations carry the
 * reason, the summary, the triage note and the suppressed count. Re-posting the same alert (a retry, a
 * suppression update) only refreshes it in Alertmanager, which deduplicates by label set. TLS to a private CA
 * and basic or bearer authentication are optional; credentials are read from their secrets per request.
 * Label values from telemetry (host, process) are escaped with {@code SafeText}, since notification
 * templates render them.
 */
public final class AlertmanagerSink implements AlertSink {

    private final AlertmanagerSinkConfig config;
    private final HttpClient client;
    private final URI endpoint;
    private final Function<String, String> environment;
    private final int maxResponseBody;

    public AlertmanagerSink(AlertmanagerSinkConfig config, DeliveryConfig delivery) {
        this(config, delivery, System::getenv);
    }

    public AlertmanagerSink(AlertmanagerSinkConfig config, DeliveryConfig delivery, Function<String, String> environment) {
        this.config = requireNonNull(config, "config is null");
        this.environment = requireNonNull(environment, "environment is null");
        this.maxResponseBody = (int) delivery.maxResponseBody().bytes();
        this.client = HttpClients.create(config.timeout(), config.trustStore(), config.trustStoreSecret(),
                config.trustStoreType());
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
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String authorization = authorization();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpClients.post(client, request.build(), name(), maxResponseBody);
    }

    /** Basic or bearer credentials, read from their secrets for this request. */
    private String authorization() throws DeliveryException {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        if (config.basicAuthPassword() != null) {
            secrets.put("password", new Secret(config.basicAuthPassword()));
        } else if (config.bearerToken() != null) {
            secrets.put("token", new Secret(config.bearerToken()));
        } else {
            return null;
        }
        Map<String, String> values = Secret.resolveAll(name(), secrets, environment);
        if (values.containsKey("token")) {
            return "Bearer " + values.get("token");
        }
        return HttpClients.basic(config.basicAuthUsername(), values.get("password"));
    }
}
