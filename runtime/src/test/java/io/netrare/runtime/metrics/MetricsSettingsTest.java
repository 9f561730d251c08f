package io.netrare.runtime.metrics;

import io.netrare.runtime.config.ConfigException;
import io.netrare.runtime.config.ConfigLoader;
import io.netrare.runtime.config.ConfigPrinter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MetricsSettingsTest {

    record Sample(MetricsSettings metrics) {
        static Sample defaults() {
            return new Sample(MetricsSettings.defaults());
        }
    }

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void defaultsArePlainHttpWithoutAuthentication() {
        MetricsSettings m = loader.load("", "t", Sample.class).metrics();
        assertThat(m.host()).isEqualTo("0.0.0.0");
        assertThat(m.port()).isEqualTo(9400);
        assertThat(m.tls().enabled()).isFalse();
        assertThat(m.basicAuth().enabled()).isFalse();
    }

    @Test
    void mapsTlsAndBasicAuthAndMasksTheirSecrets() {
        Sample s = new ConfigLoader(Map.of("NETRARE_METRICS__BASIC_AUTH__PASSWORD", "hunter2")).load("""
                metrics:
                  host: 127.0.0.1
                  tls: {keystore: /etc/tls/metrics.p12, keystore_password: changeit}
                  basic_auth: {username: prometheus}
                """, "t", Sample.class);
        MetricsSettings m = s.metrics();
        assertThat(m.tls()).isEqualTo(new MetricsSettings.Tls(Path.of("/etc/tls/metrics.p12"), "changeit", "PKCS12"));
        assertThat(m.basicAuth()).isEqualTo(new MetricsSettings.BasicAuth("prometheus", "hunter2", null));
        assertThat(ConfigPrinter.toYaml(s)).doesNotContain("changeit", "hunter2").contains("username: prometheus");
    }

    @Test
    void aUserNeedsAPassword() {
        ConfigException e = catchThrowableOfType(() -> loader.load("metrics: {basic_auth: {username: p}}", "t", Sample.class),
                ConfigException.class);
        assertThat(e).hasMessageContaining("basic_auth needs a password or a password_file");
    }
}
