package io.netrare.alerting.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netrare.runtime.text.SafeText;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Writes alerts (and optionally their anomaly records) to Elasticsearch or OpenSearch with one {@code _bulk}
 * request per alert.
 *
 * <p>Each document is written with the {@code index} action, {@code _id} = the alert id (the record's
 * {@code <job_id>_record_<record_id>}), and an external version ({@code version_type=external}): the alert's
 * {@code suppressed_count}, the record's {@code record_version}. A suppression update (higher count) replaces
 * the document; a redelivery (same version) or a stale replay (lower) is refused with 409, which counts as
 * delivered and leaves the document as it is (with any change an analyst made to it): the index never holds
 * two documents for one alert, nor an older one after a newer. ({@code create} would refuse suppression
 * updates too.)
 *
 * <p>The bulk response is read item by item: a document that failed with 429 or 5xx is sent again on the
 * next attempt, the documents that succeeded are not; a document the cluster refuses (a mapping conflict,
 * 400) fails the alert permanently with the item's error type and reason, so it is dead-lettered.
 */
public final class ElasticsearchSink implements AlertSink {

    /**
     * At most this much of a response is read: the bulk answer for an alert's two documents is far smaller,
     * and it must be read whole to be parsed (so not the {@code delivery.max_response_body} of the others).
     */
    static final int MAX_RESPONSE_BODY = 64 * 1024;

    private final ElasticsearchSinkConfig config;
    private final HttpClient client;
    private final Function<String, String> environment;
    /** Documents of the alert in hand that still need writing, kept across the attempts at that alert. */
    private String pendingKey;
    private List<BulkItem> pending = List.of();

    public ElasticsearchSink(ElasticsearchSinkConfig config) {
        this(config, System::getenv);
    }

    public ElasticsearchSink(ElasticsearchSinkConfig config, Function<String, String> environment) {
        this.config = requireNonNull(config, "config is null");
        this.environment = requireNonNull(environment, "environment is null");
        this.client = HttpClients.create(config.timeout(), config.trustStore(), config.trustStoreSecret(),
                config.trustStoreType());
    }

    /** API key or basic credentials, read from their secrets for this request, as the other sinks do. */
    private String authorization() throws DeliveryException {
        if (config.apiKeySecret() != null) {
            return "ApiKey " + Secret.resolveAll(name(), Map.of("api_key", config.apiKeySecret()), environment).get("api_key");
        }
        if (config.passwordSecret() != null) {
            return HttpClients.basic(config.username(),
                    Secret.resolveAll(name(), Map.of("password", config.passwordSecret()), environment).get("password"));
        }
        return null;
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    /** One document of a bulk request. */
    record BulkItem(String index, String id, long version, byte[] source) {
    }

    /** The documents one alert becomes: the alert, then its record when a records index is set. */
    List<BulkItem> items(Alert alert) {
        List<BulkItem> items = new ArrayList<>(2);
        items.add(new BulkItem(config.alertsIndex(), alert.alertId(), alert.suppressedCount(),
                Json.write(EcsAlertDocuments.alert(alert))));
        if (config.recordsIndex() != null && alert.anomaly() != null) {
            items.add(new BulkItem(config.recordsIndex(), EcsAlertDocuments.recordDocumentId(alert),
                    Math.max(0, alert.anomaly().recordVersion()), Json.write(EcsAlertDocuments.record(alert))));
        }
        return items;
    }

    @Override
    public void deliver(Alert alert) throws DeliveryException {
        String key = WebhookSink.idempotencyKey(alert);
        if (!key.equals(pendingKey)) {
            pendingKey = key;
            pending = items(alert);
        }
        JsonNode response = send(pending);
        List<BulkItem> retry = new ArrayList<>();
        String retryReason = null;
        JsonNode results = response.path("items");
        for (int i = 0; i < pending.size(); i++) {
            JsonNode result = results.path(i);
            JsonNode outcome = result.isObject() && result.size() > 0 ? result.elements().next() : result;
            int status = outcome.path("status").asInt(0);
            if (status / 100 == 2 || status == 409) {
                continue; // written, or the index already holds this version or a newer one
            }
            BulkItem item = pending.get(i);
            // the node's reason may quote the refused value, telemetry: escaped as receiver text always is
            String reason = "elasticsearch " + item.index() + "/" + item.id() + " answered " + status + ": "
                    + SafeText.escape(outcome.path("error").path("type").asText("?") + ": "
                    + outcome.path("error").path("reason").asText(""));
            if (status == 429 || status >= 500 || status == 0) {
                retry.add(item);
                retryReason = retryReason == null ? reason : retryReason;
            } else {
                forget();
                throw new DeliveryException(reason, false);
            }
        }
        if (!retry.isEmpty()) {
            pending = List.copyOf(retry);
            throw new DeliveryException(retryReason, true);
        }
        forget();
    }

    private void forget() {
        pendingKey = null;
        pending = List.of();
    }

    private JsonNode send(List<BulkItem> items) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.bulkUri())
                .timeout(config.timeout())
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bulkBody(items)));
        String authorization = authorization();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        byte[] response = HttpClients.send(client, request.build(), name(), MAX_RESPONSE_BODY);
        try {
            JsonNode body = Json.mapper().readTree(response);
            if (body.path("items").size() != items.size()) {
                throw new DeliveryException("elasticsearch answered " + body.path("items").size() + " bulk items for "
                        + items.size() + " documents", true);
            }
            return body;
        } catch (IOException e) {
            throw new DeliveryException("elasticsearch answered a bulk response that is not JSON: " + e.getMessage(),
                    true, e);
        }
    }

    static byte[] bulkBody(List<BulkItem> items) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (BulkItem item : items) {
            ObjectNode action = Json.mapper().createObjectNode();
            ObjectNode meta = action.putObject("index");
            meta.put("_index", item.index());
            meta.put("_id", item.id());
            meta.put("version", item.version());
            meta.put("version_type", "external");
            body.writeBytes(Json.write(action));
            body.write('\n');
            body.writeBytes(item.source());
            body.write('\n');
        }
        return body.toByteArray();
    }
}
