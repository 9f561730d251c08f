package io.netrare.alerting.sink;

import java.net.URI;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Prometheus Alertmanager: alerts are POSTed to {@code <url>/api/v2/alerts}.
 *
 * @param url              Alertmanager's base URL, e.g. http://alertmanager:9093
 * @param generatorUrlBase the link each alert carries back to netrare; the alert id is appended
 */
public record AlertmanagerSinkConfig(boolean enabled, URI url, String generatorUrlBase, Duration timeout) {

    public static final AlertmanagerSinkConfig DISABLED = new AlertmanagerSinkConfig(false, null, null, null);

    public AlertmanagerSinkConfig {
        generatorUrlBase = generatorUrlBase == null ? "http://localhost/netrare/alerts/" : generatorUrlBase;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (enabled) {
            requireNonNull(url, "alertmanager.url is required when the Alertmanager sink is enabled");
        }
    }

    public static AlertmanagerSinkConfig at(URI url) {
        return new AlertmanagerSinkConfig(true, url, null, null);
    }
}
