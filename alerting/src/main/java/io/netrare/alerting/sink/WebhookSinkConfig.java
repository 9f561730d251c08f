package io.netrare.alerting.sink;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The HTTP webhook: each alert is POSTed as JSON to {@code url}.
 *
 * @param headers            extra request headers whose values are secrets ({@code env:NAME} or {@code file:/path}),
 *                           e.g. {@code Authorization = env:NETRARE_WEBHOOK_TOKEN}; never logged
 * @param trustStore         a trust store for TLS to a private CA (null: the JVM's default trust)
 * @param trustStorePassword secret reference of the trust store password, or null
 * @param trustStoreType     PKCS12 (default) or JKS
 */
public record WebhookSinkConfig(
        boolean enabled,
        URI url,
        Map<String, Secret> headers,
        Path trustStore,
        Secret trustStorePassword,
        String trustStoreType,
        Duration timeout) {

    public static final WebhookSinkConfig DISABLED = new WebhookSinkConfig(false, null, Map.of(), null, null, null, null);

    public WebhookSinkConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        trustStoreType = trustStoreType == null ? "PKCS12" : trustStoreType;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (enabled) {
            requireNonNull(url, "webhook.url is required when the webhook sink is enabled");
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("webhook.url must be http or https, got " + url);
            }
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("webhook.timeout must be positive");
        }
    }

    public static WebhookSinkConfig to(URI url) {
        return new WebhookSinkConfig(true, url, Map.of(), null, null, null, null);
    }
}
