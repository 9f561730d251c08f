package io.netrare.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.netrare.alerting.rules.Rule;
import io.netrare.alerting.rules.RuleLoader;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static io.netrare.alerting.Records.BUCKET;
import static io.netrare.alerting.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

/** The alert document, byte for byte; and the JSON Schema in the schema module accepts it. */
class AlertDocumentGoldenTest {

    private final Rule rule = new RuleLoader().check(Path.of(resourceDir("detection-rules/rules/ml"))).orThrow().get(0);

    private Alert alert() {
        Rule onOurJob = rule; // the upstream rule, on its _ea job
        return AlertFactory.create(onOurJob, record().job("v3_linux_anomalous_network_activity_ea").build(),
                BUCKET.plus(Duration.ofMinutes(15)).plusMillis(842));
    }

    @Test
    void reasonLineReadsAsAnAnalystExpects() {
        assertThat(alert().reason()).isEqualTo("process `xmrig` on host `web-07` (user `nobody`) connected to "
                + "141.94.96.144; seen in 0 of 2,880 earlier buckets; record score 93");
    }

    @Test
    void alertDocumentMatchesTheGoldenFile() throws IOException {
        String actual = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(alert()) + "\n";
        String expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("golden/alert.json")) {
            expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!actual.equals(expected)) {
            Files.writeString(Path.of("target", "alert.actual.json"), actual);
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(Json.read(expected, Alert.class)).isEqualTo(alert());
    }

    @Test
    void jsonSchemaAcceptsTheAlertAndRejectsOneWithoutAnId() throws IOException {
        JsonSchema schema;
        try (InputStream in = Alert.class.getClassLoader().getResourceAsStream("schemas/alert.schema.json")) {
            assertThat(in).as("schemas/alert.schema.json in the schema module").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        JsonNode good = Json.mapper().valueToTree(alert());
        Set<ValidationMessage> errors = schema.validate(good);
        assertThat(errors).isEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) good).remove("alert_id");
        assertThat(schema.validate(good)).isNotEmpty();
    }

    private static String resourceDir(String path) {
        try {
            return Path.of(AlertDocumentGoldenTest.class.getClassLoader().getResource(path).toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
