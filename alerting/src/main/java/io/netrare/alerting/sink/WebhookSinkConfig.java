package io.netrare.alerting.sink;

import io.netrare.runtime.text.UrlMask;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP webhook: each alert is POSTed as JSON to {@code url}.
 *
 * @param headers            extra request headers whose values are secret references ({@code env:NAME} or
 *                           {@code file:/path}), e.g. {@code Authorization: env:NETRARE_WEBHOOK_TOKEN}; the
 *                           values are resolved at start and never logged
 * @param trustStore         a trust store for TLS to a private CA (null: the JVM's default trust)
 * @param trustStorePassword secret reference of the trust store password, or null
 * @param trustStoreType     PKCS12 (default) or JKS
 */
public record WebhookSinkConfig(
        boolean enabled,
        String url,
        Map<String, String> headers,
        Path trustStore,
        String trustStorePassword,
        String trustStoreType,
        Duration timeout) {

    public WebhookSinkConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        trustStoreType = trustStoreType == null || trustStoreType.isBlank() ? "PKCS12" : trustStoreType;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        url = url == null ? "" : url;
        if (enabled) {
            if (url.isBlank()) {
                throw new IllegalArgumentException("webhook.url is required when the webhook sink is enabled");
            }
            String scheme = URI.create(url).getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("webhook.url must be http or https, got " + UrlMask.mask(url));
            }
        }
        headers.forEach((name, reference) -> new Secret(reference)); // validates every reference
        if (trustStorePassword != null && !trustStorePassword.isBlank()) {
            new Secret(trustStorePassword);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("webhook.timeout must be positive");
        }
    }

    public static WebhookSinkConfig defaults() {
        return new WebhookSinkConfig(false, "", Map.of(), null, null, null, null);
    }

    public static WebhookSinkConfig to(String url) {
        return new WebhookSinkConfig(true, url, Map.of(), null, null, null, null);
    }

    public URI uri() {
        return URI.create(url);
    }

    public Map<String, Secret> headerSecrets() {
        java.util.LinkedHashMap<String, Secret> secrets = new java.util.LinkedHashMap<>();
        headers.forEach((name, reference) -> secrets.put(name, new Secret(reference)));
        return secrets;
    }

    public Secret trustStoreSecret() {
        return trustStorePassword == null || trustStorePassword.isBlank() ? null : new Secret(trustStorePassword);
    }
}
