package io.netrare.alerting.sink;

import java.net.URI;
import java.time.Duration;

/**
 * Prometheus Alertmanager: alerts are POSTed to {@code <url>/api/v2/alerts}.
 *
 * @param url              Alertmanager's base URL, e.g. http://alertmanager:9093
 * @param generatorUrlBase the link each alert carries back to netrare; the alert id is appended
 */
public record AlertmanagerSinkConfig(boolean enabled, String url, String generatorUrlBase, Duration timeout) {

    public AlertmanagerSinkConfig {
        url = url == null ? "" : url;
        generatorUrlBase = generatorUrlBase == null || generatorUrlBase.isBlank()
                ? "http://localhost/netrare/alerts/" : generatorUrlBase;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (enabled && url.isBlank()) {
            throw new IllegalArgumentException("alertmanager.url is required when the Alertmanager sink is enabled");
        }
        if (enabled) {
            URI.create(url);
        }
    }

    public static AlertmanagerSinkConfig defaults() {
        return new AlertmanagerSinkConfig(false, "", null, null);
    }

    public static AlertmanagerSinkConfig at(String url) {
        return new AlertmanagerSinkConfig(true, url, null, null);
    }
}
