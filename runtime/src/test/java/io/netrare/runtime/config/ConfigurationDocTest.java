package io.netrare.runtime.config;

import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.kafka.RetrySettings;
import io.netrare.runtime.metrics.MetricsSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md names every key of the runtime's config records. */
class ConfigurationDocTest {

    @Test
    void everyRuntimeKeyIsDocumented() throws IOException {
        Path doc = Path.of("..", "docs", "configuration.md");
        String text = Files.readString(doc);
        List<Class<?>> records = List.of(KafkaSettings.class, MetricsSettings.class, LoopSettings.class);
        for (Class<?> type : records) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getType() == RetrySettings.class) {
                    continue; // documented key by key below
                }
                assertThat(text).as(type.getSimpleName() + "." + c.getName()).contains("`" + Names.snake(c.getName()) + "`");
            }
        }
        for (RecordComponent c : RetrySettings.class.getRecordComponents()) {
            assertThat(text).contains("`retry." + Names.snake(c.getName()) + "`");
        }
    }
}
