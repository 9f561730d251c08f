package io.netrare.runtime.config;

import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.kafka.TopicSettings;
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
        List<Class<?>> records = List.of(KafkaSettings.class, MetricsSettings.class, LoopSettings.class, TopicSettings.class);
        for (Class<?> type : records) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getType().isRecord()) {
                    // a nested section (retry, tls, basic_auth) is documented key by key
                    for (RecordComponent n : c.getType().getRecordComponents()) {
                        assertThat(text).as(type.getSimpleName() + "." + c.getName() + "." + n.getName())
                                .contains("`" + Names.snake(c.getName()) + "." + Names.snake(n.getName()) + "`");
                    }
                    continue;
                }
                assertThat(text).as(type.getSimpleName() + "." + c.getName()).contains("`" + Names.snake(c.getName()) + "`");
            }
        }
    }
}
