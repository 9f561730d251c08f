package io.netrare.alerting.sink;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Prometheus Alertmanager: alerts are POSTed to {@code <url>/api/v2/alerts}.
 *
 * @param url                 Alertmanager's base URL, e.g. http://alertmanager:9093
 * @param generatorUrlBase    the link each alert carries back to netrare; the alert id is appended
 * @param trustStore          a trust store for TLS to a private CA (null: the JVM's default trust)
 * @param trustStorePassword  secret reference of the trust store password, or null
 * @param trustStoreType      PKCS12 (default) or JKS
 * @param basicAuthUsername   user name for HTTP basic authentication (with {@code basicAuthPassword})
 * @param basicAuthPassword   secret reference ({@code env:NAME} or {@code file:/path}) of the basic-auth password
 * @param bearerToken         secret reference of a bearer token; exclusive with basic auth
 */
public record AlertmanagerSinkConfig(boolean enabled, String url, String generatorUrlBase, Duration timeout,
                                     Path trustStore, String trustStorePassword, String trustStoreType,
                                     String basicAuthUsername, String basicAuthPassword, String bearerToken) {

    public AlertmanagerSinkConfig {
        url = url == null ? "" : url;
        generatorUrlBase = generatorUrlBase == null || generatorUrlBase.isBlank()
                ? "http://localhost/netrare/alerts/" : generatorUrlBase;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        trustStoreType = trustStoreType == null || trustStoreType.isBlank() ? "PKCS12" : trustStoreType;
        basicAuthUsername = blankToNull(basicAuthUsername);
        basicAuthPassword = blankToNull(basicAuthPassword);
        bearerToken = blankToNull(bearerToken);
        trustStorePassword = blankToNull(trustStorePassword);
        if (enabled && url.isBlank()) {
            throw new IllegalArgumentException("alertmanager.url is required when the Alertmanager sink is enabled");
        }
        if (enabled) {
            String scheme = URI.create(url).getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("alertmanager.url must be http or https");
            }
        }
        if ((basicAuthUsername == null) != (basicAuthPassword == null)) {
            throw new IllegalArgumentException(
                    "alertmanager.basic_auth_username and alertmanager.basic_auth_password go together");
        }
        if (basicAuthUsername != null && bearerToken != null) {
            throw new IllegalArgumentException("alertmanager: basic auth and bearer_token exclude each other");
        }
        for (String reference : new String[] {basicAuthPassword, bearerToken, trustStorePassword}) {
            if (reference != null) {
                new Secret(reference); // validates the reference, never prints its value
            }
        }
    }

    public static AlertmanagerSinkConfig defaults() {
        return new AlertmanagerSinkConfig(false, "", null, null, null, null, null, null, null, null);
    }

    public static AlertmanagerSinkConfig at(String url) {
        return new AlertmanagerSinkConfig(true, url, null, null, null, null, null, null, null, null);
    }

    public AlertmanagerSinkConfig withBearerToken(String reference) {
        return new AlertmanagerSinkConfig(enabled, url, generatorUrlBase, timeout, trustStore, trustStorePassword,
                trustStoreType, null, null, reference);
    }

    public AlertmanagerSinkConfig withBasicAuth(String username, String passwordReference) {
        return new AlertmanagerSinkConfig(enabled, url, generatorUrlBase, timeout, trustStore, trustStorePassword,
                trustStoreType, username, passwordReference, null);
    }

    public AlertmanagerSinkConfig withTrustStore(Path store, String passwordReference, String type) {
        return new AlertmanagerSinkConfig(enabled, url, generatorUrlBase, timeout, store, passwordReference, type,
                basicAuthUsername, basicAuthPassword, bearerToken);
    }

    public Secret trustStoreSecret() {
        return trustStorePassword == null ? null : new Secret(trustStorePassword);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
