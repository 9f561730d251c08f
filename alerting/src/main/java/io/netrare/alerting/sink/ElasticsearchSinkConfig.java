package io.netrare.alerting.sink;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Elasticsearch 8/9 or OpenSearch 2/3 over the {@code _bulk} API: each alert becomes an ECS document with
 * Elastic's security alert fields in {@code alerts_index}, and, when {@code records_index} is set, its
 * anomaly record becomes an {@code .ml-anomalies-*}-shaped {@code result_type: record} document there.
 *
 * @param url                the cluster's base URL, e.g. https://es.example:9200
 * @param alertsIndex        index (or alias) of the alert documents
 * @param recordsIndex       index of the anomaly record documents, or null/blank for none
 * @param apiKey             secret reference of an Elasticsearch API key, the base64 {@code id:api_key} value
 *                           Elasticsearch returns as {@code encoded} (sent as {@code Authorization: ApiKey ...})
 * @param username           user for basic auth (with {@code password}); exclusive with {@code api_key}
 * @param password           secret reference of the basic-auth password
 * @param trustStore         a trust store for TLS to a private CA (null: the JVM's default trust)
 * @param trustStorePassword secret reference of the trust store password, or null
 * @param trustStoreType     PKCS12 (default) or JKS
 */
public record ElasticsearchSinkConfig(
        boolean enabled,
        String url,
        String alertsIndex,
        String recordsIndex,
        String apiKey,
        String username,
        String password,
        Path trustStore,
        String trustStorePassword,
        String trustStoreType,
        Duration timeout) {

    /** Lowercase, no leading -, _ or +, none of the characters Elasticsearch forbids in index names. */
    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9.][a-z0-9._+-]*");

    public ElasticsearchSinkConfig {
        url = url == null ? "" : url;
        alertsIndex = alertsIndex == null || alertsIndex.isBlank() ? "netrare-alerts" : alertsIndex;
        recordsIndex = recordsIndex == null || recordsIndex.isBlank() ? null : recordsIndex;
        trustStoreType = trustStoreType == null || trustStoreType.isBlank() ? "PKCS12" : trustStoreType;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (enabled) {
            if (url.isBlank()) {
                throw new IllegalArgumentException("elasticsearch.url is required when the elasticsearch sink is enabled");
            }
            String scheme = URI.create(url).getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("elasticsearch.url must be http or https, got " + url);
            }
        }
        checkIndex("elasticsearch.alerts_index", alertsIndex);
        if (recordsIndex != null) {
            checkIndex("elasticsearch.records_index", recordsIndex);
        }
        if (apiKey != null && !apiKey.isBlank()) {
            new Secret(apiKey); // validates the reference
            if (username != null && !username.isBlank()) {
                throw new IllegalArgumentException("elasticsearch: set either api_key or username/password, not both");
            }
        }
        boolean hasUser = username != null && !username.isBlank();
        boolean hasPassword = password != null && !password.isBlank();
        if (hasUser != hasPassword) {
            throw new IllegalArgumentException("elasticsearch.username and elasticsearch.password go together");
        }
        if (hasPassword) {
            new Secret(password);
        }
        if (trustStorePassword != null && !trustStorePassword.isBlank()) {
            new Secret(trustStorePassword);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("elasticsearch.timeout must be positive");
        }
    }

    public static ElasticsearchSinkConfig defaults() {
        return new ElasticsearchSinkConfig(false, "", null, null, null, null, null, null, null, null, null);
    }

    /** Enabled, no auth, the default alerts index and no records index. */
    public static ElasticsearchSinkConfig at(String url) {
        return new ElasticsearchSinkConfig(true, url, null, null, null, null, null, null, null, null, null);
    }

    public ElasticsearchSinkConfig withIndices(String alerts, String records) {
        return new ElasticsearchSinkConfig(enabled, url, alerts, records, apiKey, username, password, trustStore,
                trustStorePassword, trustStoreType, timeout);
    }

    public URI bulkUri() {
        return URI.create((url.endsWith("/") ? url : url + "/") + "_bulk");
    }

    public Secret apiKeySecret() {
        return apiKey == null || apiKey.isBlank() ? null : new Secret(apiKey);
    }

    public Secret passwordSecret() {
        return password == null || password.isBlank() ? null : new Secret(password);
    }

    public Secret trustStoreSecret() {
        return trustStorePassword == null || trustStorePassword.isBlank() ? null : new Secret(trustStorePassword);
    }

    private static void checkIndex(String key, String name) {
        if (!INDEX_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(key + " '" + name + "' is not a valid index name (lowercase letters, "
                    + "digits, . _ + -)");
        }
    }
}
