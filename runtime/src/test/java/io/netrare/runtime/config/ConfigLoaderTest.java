package io.netrare.runtime.config;

import io.netrare.runtime.ServiceConfig;
import io.netrare.runtime.kafka.FailurePolicy;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.metrics.MetricsSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderTest {

    enum Mode { FAST, CAREFUL_MODE }

    record Limits(DataSize maxRecord, int maxLines) {
        static Limits defaults() {
            return new Limits(DataSize.ofKilobytes(64), 100);
        }

        Limits {
            if (maxLines < 1) {
                throw new IllegalArgumentException("max_lines must be >= 1, got " + maxLines);
            }
        }
    }

    record SampleConfig(KafkaSettings kafka, MetricsSettings metrics, LoopSettings loop, Duration bucketSpan,
                        Mode mode, List<String> excludedUsers, Limits limits, double cutoff, boolean enabled,
                        long maxEntities, @Secret String apiKey) implements ServiceConfig {
        static SampleConfig defaults() {
            return new SampleConfig(KafkaSettings.defaults(), MetricsSettings.defaults(), LoopSettings.defaults(),
                    Duration.ofMinutes(15), Mode.FAST, List.of("jenkins"), Limits.defaults(), 0.035, true, 100_000, null);
        }
    }

    record Required(String name, int port) {
    }

    private final ConfigLoader noEnv = new ConfigLoader(Map.of());

    @Test
    void emptyFileGivesTheDefaults() {
        SampleConfig c = noEnv.load("", "test", SampleConfig.class);
        assertThat(c).isEqualTo(SampleConfig.defaults());
        assertThat(c.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.metrics().port()).isEqualTo(9400);
    }

    @Test
    void mapsEveryTypeFromTheFile() {
        String yaml = """
                kafka:
                  bootstrap_servers: broker-1:9092,broker-2:9092
                  instance_id: scoring-0
                  transactional: false
                  transaction_timeout: PT2M
                  properties:
                    security.protocol: SASL_SSL
                    sasl.jaas.config: "org.apache.kafka.common.security.plain.PlainLoginModule required password=\\"s3cret\\";"
                metrics:
                  host: 127.0.0.1
                  port: 0
                loop:
                  failure_policy: skip
                  stage_policies:
                    parse: dead-letter
                  retry:
                    initial_backoff: 250ms
                    deadline: 30s
                bucket_span: 1h
                mode: careful-mode
                excluded_users: [jenkins, nobody]
                limits:
                  max_record: 64mb
                cutoff: 0.01
                enabled: false
                max_entities: 2000000
                api_key: abc
                """;
        SampleConfig c = noEnv.load(yaml, "test.yaml", SampleConfig.class);
        assertThat(c.kafka().bootstrapServers()).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(c.kafka().instanceId()).isEqualTo("scoring-0");
        assertThat(c.kafka().transactional()).isFalse();
        assertThat(c.kafka().transactionTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.kafka().properties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(c.metrics()).isEqualTo(new MetricsSettings("127.0.0.1", 0, true));
        assertThat(c.loop().failurePolicy()).isEqualTo(FailurePolicy.SKIP);
        assertThat(c.loop().policyFor("parse")).isEqualTo(FailurePolicy.DEAD_LETTER);
        assertThat(c.loop().retry().initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.loop().retry().deadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.loop().retry().maxBackoff()).isEqualTo(Duration.ofSeconds(10)); // default kept
        assertThat(c.bucketSpan()).isEqualTo(Duration.ofHours(1));
        assertThat(c.mode()).isEqualTo(Mode.CAREFUL_MODE);
        assertThat(c.excludedUsers()).containsExactly("jenkins", "nobody");
        assertThat(c.limits()).isEqualTo(new Limits(DataSize.ofMegabytes(64), 100));
        assertThat(c.cutoff()).isEqualTo(0.01);
        assertThat(c.enabled()).isFalse();
        assertThat(c.maxEntities()).isEqualTo(2_000_000L);
        assertThat(c.apiKey()).isEqualTo("abc");
    }

    @Test
    void environmentOverridesTheFile() {
        ConfigLoader loader = new ConfigLoader(Map.of(
                "NETRARE_KAFKA__BOOTSTRAP_SERVERS", "env-broker:9093",
                "NETRARE_METRICS__PORT", "9500",
                "NETRARE_KAFKA__PROPERTIES__SECURITY_PROTOCOL", "SSL",
                "NETRARE_EXCLUDED_USERS", "a, b",
                "NETRARE_LOOP__RETRY__DEADLINE", "5s",
                "NETRARE_NOT_A_KEY", "ignored",
                "PATH", "/usr/bin"));
        SampleConfig c = loader.load("kafka:\n  bootstrap_servers: file-broker:9092\n", "test", SampleConfig.class);
        assertThat(c.kafka().bootstrapServers()).isEqualTo("env-broker:9093");
        assertThat(c.metrics().port()).isEqualTo(9500);
        assertThat(c.kafka().properties()).containsEntry("security.protocol", "SSL");
        assertThat(c.excludedUsers()).containsExactly("a", "b");
        assertThat(c.loop().retry().deadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ConfigLoader.environmentVariable("kafka.bootstrap_servers")).isEqualTo("NETRARE_KAFKA__BOOTSTRAP_SERVERS");
    }

    @Test
    void unknownKeyIsRejectedWithAHint() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> noEnv.load("kafka:\n  bootstrap_server: x:1\nbuckett_span: 15m\n", "svc.yaml", SampleConfig.class));
        assertThat(e.problems()).extracting(ConfigException.Problem::path)
                .containsExactlyInAnyOrder("kafka.bootstrap_server", "buckett_span");
        assertThat(e.getMessage()).contains("did you mean 'bootstrap_servers'?").contains("did you mean 'bucket_span'?")
                .contains("svc.yaml");
    }

    @Test
    void reportsEveryErrorAtOnce() {
        String yaml = """
                metrics:
                  port: 70000
                bucket_span: 15
                mode: turbo
                cutoff: low
                limits:
                  max_record: 12 parsecs
                  max_lines: 0
                enabled: maybe
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> noEnv.load(yaml, "bad.yaml", SampleConfig.class));
        assertThat(e.problems()).extracting(ConfigException.Problem::path).containsExactlyInAnyOrder(
                "metrics", "bucket_span", "mode", "cutoff", "limits.max_record", "enabled");
        assertThat(e.getMessage()).startsWith("6 configuration errors in bad.yaml")
                .contains("port must be in [0, 65535], got 70000")
                .contains("'15' has no unit")
                .contains("'turbo' is not one of [fast, careful_mode]");
    }

    @Test
    void constructorValidationIsReportedAtItsPath() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> noEnv.load("limits:\n  max_lines: 0\n", "t", SampleConfig.class));
        assertThat(e.problems()).containsExactly(new ConfigException.Problem("limits", "max_lines must be >= 1, got 0"));
    }

    @Test
    void missingRequiredKeysWithoutDefaultsAreErrors() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> noEnv.load("", "t", Required.class));
        assertThat(e.problems()).extracting(ConfigException.Problem::toString)
                .containsExactly("name: missing required key", "port: missing required key");
    }

    @Test
    void invalidYamlIsReported() {
        assertThatThrownBy(() -> noEnv.load("kafka: [", "t", SampleConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void printingMasksSecrets() {
        SampleConfig c = noEnv.load("""
                kafka:
                  properties:
                    sasl.jaas.config: "secret-jaas"
                    ssl.truststore.password: "pw"
                    security.protocol: SASL_SSL
                api_key: hunter2
                """, "t", SampleConfig.class);
        String printed = ConfigPrinter.toYaml(c);
        assertThat(printed).doesNotContain("secret-jaas").doesNotContain("hunter2").doesNotContain(": pw")
                .contains("sasl.jaas.config: '****'").contains("api_key: '****'")
                .contains("security.protocol: SASL_SSL").contains("bucket_span: 15m").contains("max_record: 64kb");
        // what is printed loads back to the same config, secrets aside
        SampleConfig again = noEnv.load(printed.replace("'****'", "x"), "printed", SampleConfig.class);
        assertThat(again.bucketSpan()).isEqualTo(c.bucketSpan());
        assertThat(again.limits()).isEqualTo(c.limits());
    }

    @Test
    void durationsAndSizesParse() {
        assertThat(Durations.parse("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(DataSize.parse("64mb").bytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(DataSize.parse("512").bytes()).isEqualTo(512);
        assertThat(DataSize.ofMegabytes(64).toString()).isEqualTo("64mb");
        assertThatThrownBy(() -> DataSize.parse("5 furlongs")).hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("not a duration");
    }
}
