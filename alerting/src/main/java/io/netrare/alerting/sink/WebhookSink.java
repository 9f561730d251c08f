package io.netrare.alerting.sink;

import io.netrare.schema.Alert;
import io.netrare.schema.Json;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * POSTs each alert as JSON. Every request carries {@code Idempotency-Key}: the alert id, suffixed with
 * {@code /<suppressed_count>} for a suppression update, so a receiver that stores keys drops the retries
 * and redeliveries after a restart but still sees each update. Header values come from secrets, read again
 * for every request (a rotated token file applies to the next alert) and never logged.
 */
public final class WebhookSink implements AlertSink {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String ALERT_ID = "X-Netrare-Alert-Id";

    private final WebhookSinkConfig config;
    private final HttpClient client;
    private final Map<String, Secret> headers;
    private final Function<String, String> environment;
    private final int maxResponseBody;

    public WebhookSink(WebhookSinkConfig config, DeliveryConfig delivery) {
        this(config, delivery, System::getenv);
    }

    public WebhookSink(WebhookSinkConfig config, DeliveryConfig delivery, Function<String, String> environment) {
        this.config = requireNonNull(config, "config is null");
        this.environment = requireNonNull(environment, "environment is null");
        this.headers = config.headerSecrets();
        this.maxResponseBody = (int) delivery.maxResponseBody().bytes();
        this.client = HttpClients.create(config.timeout(), config.trustStore(), config.trustStoreSecret(),
                config.trustStoreType());
    }

    public static String idempotencyKey(Alert alert) {
        return alert.suppressedCount() == 0 ? alert.alertId() : alert.alertId() + "/" + alert.suppressedCount();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void deliver(Alert alert) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.uri())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_KEY, idempotencyKey(alert))
                .header(ALERT_ID, alert.alertId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(alert)));
        Secret.resolveAll(name(), headers, environment).forEach(request::header);
        HttpClients.post(client, request.build(), name(), maxResponseBody);
    }
}
