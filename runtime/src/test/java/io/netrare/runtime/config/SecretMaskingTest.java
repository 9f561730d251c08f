package io.netrare.runtime.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What {@code --print-config}, the startup log and configuration errors may show of a secret: nothing. */
class SecretMaskingTest {

    record Sink(String url, Map<String, String> headers) {
        static Sink defaults() {
            return new Sink("", Map.of());
        }

        Sink {
            if (url != null && url.contains("bad")) {
                throw new IllegalArgumentException("url must be http or https, got " + url);
            }
        }
    }

    record Sample(Map<String, String> properties, Sink webhook, Sink alertmanager, String name) {
        static Sample defaults() {
            return new Sample(Map.of(), Sink.defaults(), Sink.defaults(), "n");
        }
    }

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void keysHoldingKeyMaterialOrPassphrasesAreSecret() {
        assertThat(List.of("ssl.keystore.key", "ssl.keystore.password", "ssl.key.password", "sasl.jaas.config",
                "key_passphrase", "SSL_KEY_PASSPHRASE", "api_token", "client_secret", "Authorization", "tls.private_key",
                "aws.credentials"))
                .allMatch(ConfigPrinter::isSecretKey);
        assertThat(List.of("security.protocol", "ssl.keystore.location", "ssl.keystore.type", "sasl.mechanism",
                "bootstrap_servers", "url", "keys", "ssl.truststore.type"))
                .noneMatch(ConfigPrinter::isSecretKey);
    }

    @Test
    void printedConfigMasksKeyMaterialPassphrasesAndUrlCredentials() {
        Sample c = loader.load("""
                properties:
                  ssl.keystore.key: "-----BEGIN PRIVATE KEY-----MIIEv"
                  ssl.keystore.certificate.chain: "-----BEGIN CERTIFICATE-----MIIC"
                  pem_passphrase: hunter2
                  security.protocol: SSL
                webhook:
                  url: https://bot:s3cr3t@hooks.example.com/services/abc?token=t0k3n&channel=soc#frag
                  headers:
                    Authorization: Bearer b3ar3r
                alertmanager:
                  url: http://am.example.com:9093/api/v2/alerts?apikey=k3y
                """, "t", Sample.class);
        String printed = ConfigPrinter.toYaml(c);
        assertThat(printed).doesNotContain("MIIEv", "hunter2", "s3cr3t", "t0k3n", "b3ar3r", "k3y", "frag")
                .contains("security.protocol: SSL")
                .contains("-----BEGIN CERTIFICATE-----MIIC")
                .contains("https://****@hooks.example.com/services/abc?token=****&channel=****#****")
                .contains("http://am.example.com:9093/api/v2/alerts?apikey=****");
    }

    @Test
    void urlsWithoutCredentialsAreUnchanged() {
        assertThat(ConfigPrinter.maskUrl("https://hooks.example.com:8443/a/b")).isEqualTo("https://hooks.example.com:8443/a/b");
        assertThat(ConfigPrinter.maskUrl("not a url")).isEqualTo("not a url");
        assertThat(ConfigPrinter.maskUrlsIn("posting to https://u:p@x.example/y?sig=abc failed"))
                .isEqualTo("posting to https://****@x.example/y?sig=**** failed");
    }

    @Test
    void yamlErrorsDoNotEchoTheLineHoldingASecret() {
        for (String yaml : List.of(
                "properties:\n  sasl.jaas.config: \"org.x.ScramLoginModule required password=hunter2\n  other: 1\n",
                "properties:\n  ssl.key.password: hunter2: x\n",
                "properties:\n  pem_passphrase: 'hunter2\n\tx: 1\n")) {
            ConfigException e = catchThrowableOfType(() -> loader.load(yaml, "t.yaml", Sample.class), ConfigException.class);
            assertThat(e.getMessage()).contains("not valid YAML at line").doesNotContain("hunter2");
        }
        ConfigException e = catchThrowableOfType(
                () -> loader.load("properties:\n  ssl.key.password: hunter2: x\n", "t.yaml", Sample.class), ConfigException.class);
        assertThat(e.getMessage()).contains("line 2, column").contains("mapping values are not allowed here");
    }

    @Test
    void configErrorsMaskTheUrlsAndSecretValuesTheyQuote() {
        ConfigException e = catchThrowableOfType(() -> loader.load("""
                webhook:
                  url: bad://user:pw1@h.example/x?token=tok1
                properties:
                  ssl.keystore.password: [ "list-secret" ]
                """, "t.yaml", Sample.class), ConfigException.class);
        assertThat(e.getMessage()).doesNotContain("pw1", "tok1", "list-secret").contains("bad://****@h.example/x?token=****");
    }
}
