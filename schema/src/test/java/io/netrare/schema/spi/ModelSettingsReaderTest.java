package io.netrare.schema.spi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelSettingsReaderTest {

    record Example(double rate, int cap, Duration window, List<Duration> periods, Map<String, String> groups, String name) {
        Example {
            if (cap < 1) {
                throw new IllegalArgumentException("cap must be positive, was " + cap);
            }
        }
    }

    private static Example read(Map<String, String> settings) {
        ModelSettingsReader r = new ModelSettingsReader("example", settings);
        double rate = r.number("rate", 0.5);
        int cap = r.integer("cap", 10);
        Duration window = r.duration("window", Duration.ofDays(1));
        List<Duration> periods = r.durations("periods", List.of());
        Map<String, String> groups = r.pairs("groups", Map.of());
        String name = r.text("name", null);
        return r.build(() -> new Example(rate, cap, window, periods, groups, name));
    }

    @Test
    void readsTypedValuesAndKeepsDefaultsForWhatIsNotSet() {
        Example e = read(Map.of("rate", "2.5e-4", "window", "14d", "periods", "1h, 1d", "groups", "web-1=web,db-1=db",
                "name", "x"));
        assertThat(e).isEqualTo(new Example(0.00025, 10, Duration.ofDays(14), List.of(Duration.ofHours(1), Duration.ofDays(1)),
                Map.of("web-1", "web", "db-1", "db"), "x"));
        assertThat(read(Map.of("name", "")).name()).isNull();
    }

    @Test
    void aDottedKeyFromAnEnvironmentOverrideReadsAsSnakeCase() {
        ModelSettingsReader r = new ModelSettingsReader("example", Map.of("entity.cap", "7"));
        int cap = r.integer("entity_cap", 1);
        assertThat(r.build(() -> cap)).isEqualTo(7);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> read(Map.of("rate", "fast", "window", "15", "groups", "web", "decay", "0.1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("model_settings of example: ")
                .hasMessageContaining("rate must be a number, was 'fast'")
                .hasMessageContaining("window must be a duration")
                .hasMessageContaining("groups must be name=value pairs")
                .hasMessageContaining("'decay' is not a setting of model example (its settings: cap, groups, name, periods, rate, window)");
        assertThatThrownBy(() -> read(Map.of("cap", "0"))).hasMessage("model_settings of example: cap must be positive, was 0");
    }

    @Test
    void formatsValuesAsSettingsWriteThem() {
        assertThat(ModelSettingsReader.format(0.00025)).isEqualTo("0.00025");
        assertThat(ModelSettingsReader.format(200_000.0)).isEqualTo("200000");
        assertThat(ModelSettingsReader.format(1e-3)).isEqualTo("0.001");
        assertThat(ModelSettingsReader.format(Duration.ofDays(14))).isEqualTo("14d");
        assertThat(ModelSettingsReader.format(Duration.ofHours(6))).isEqualTo("6h");
        assertThat(ModelSettingsReader.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(ModelSettingsReader.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
