package io.netrare.model;

import io.netrare.schema.spi.ModelPlugin;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md lists every setting of every model on the classpath, with its default. */
class ModelSettingsDocTest {

    @Test
    void everyModelSettingIsDocumentedWithItsDefault() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        assertThat(ModelPlugin.available()).isNotEmpty();
        for (ModelPlugin plugin : ModelPlugin.available()) {
            String heading = "### `model_settings` of `" + plugin.type() + "`";
            assertThat(doc).as("section for " + plugin.type()).contains(heading);
            String section = doc.substring(doc.indexOf(heading) + heading.length());
            int next = section.indexOf("\n#");
            section = next < 0 ? section : section.substring(0, next);
            for (Map.Entry<String, String> e : plugin.defaultSettings().entrySet()) {
                String row = section.lines().filter(l -> l.startsWith("| `" + e.getKey() + "` |")).findFirst().orElse(null);
                assertThat(row).as(plugin.type() + "." + e.getKey() + " documented").isNotNull();
                String expected = e.getValue().isEmpty() ? "| none |" : "| `" + e.getValue() + "` |";
                assertThat(row).as(plugin.type() + "." + e.getKey() + " default").contains(expected);
            }
        }
    }
}
