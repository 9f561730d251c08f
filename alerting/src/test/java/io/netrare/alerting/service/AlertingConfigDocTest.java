package io.netrare.alerting.service;

import io.netrare.alerting.sink.AlertmanagerSinkConfig;
import io.netrare.alerting.sink.AuthFailurePolicy;
import io.netrare.alerting.sink.DeliveryConfig;
import io.netrare.alerting.sink.ElasticsearchSinkConfig;
import io.netrare.alerting.sink.WebhookSinkConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md names every key of the alerting service's config records, with its section. */
class AlertingConfigDocTest {

    @Test
    void everyAlertingKeyIsDocumented() throws IOException {
        String text = Files.readString(Path.of("..", "docs", "configuration.md"));
        Map<String, Class<?>> sections = Map.of("", AlertingConfig.class, "console.", AlertingConfig.ConsoleConfig.class,
                "ndjson.", AlertingConfig.NdjsonConfig.class, "webhook.", WebhookSinkConfig.class,
                "alertmanager.", AlertmanagerSinkConfig.class, "elasticsearch.", ElasticsearchSinkConfig.class,
                "delivery.", DeliveryConfig.class,
                "delivery.auth_failure.", AuthFailurePolicy.class, "dedup.", DedupConfig.class);
        sections.forEach((prefix, type) -> {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getType().isRecord() && !c.getType().getPackageName().startsWith("io.netrare.runtime.config")) {
                    continue; // a section, documented key by key
                }
                String key = prefix + c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
                assertThat(text).as(key).contains("`" + key + "`");
            }
        });
    }
}
