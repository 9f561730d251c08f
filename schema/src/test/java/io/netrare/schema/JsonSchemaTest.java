package io.netrare.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Serialized records validate against the JSON Schema documents in {@code schemas/}; broken ones do not. */
class JsonSchemaTest {

    static JsonSchema schema(String file) throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = JsonSchemaTest.class.getResourceAsStream("/schemas/" + file)) {
            assertThat(in).as(file).isNotNull();
            return factory.getSchema(in, config);
        }
    }

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of("network-event.schema.json", Samples.networkEvent()),
                Arguments.of("anomaly-record.schema.json", Samples.anomalyRecord()),
                Arguments.of("model-snapshot.schema.json", Samples.modelSnapshot()),
                Arguments.of("model-snapshot.schema.json", aPart()),
                Arguments.of("alert.schema.json", Samples.alert()));
    }

    /** The second part of a snapshot split to fit 2 KiB. */
    private static ModelSnapshot aPart() {
        com.fasterxml.jackson.databind.node.ArrayNode rows = Json.mapper().createArrayNode();
        for (int i = 0; i < 200; i++) {
            rows.add("host-" + i);
        }
        return ModelParts.split(Samples.modelSnapshot().withState(rows, 0, 0), 2048).get(1);
    }

    @ParameterizedTest
    @MethodSource("records")
    void serializedRecordsValidate(String schemaFile, Object record) throws IOException {
        JsonNode json = Json.mapper().readTree(Json.write(record));
        Set<ValidationMessage> errors = schema(schemaFile).validate(json);
        assertThat(errors).as(json.toString()).isEmpty();
    }

    @Test
    void minimalRecordsValidateToo() throws IOException {
        NetworkEvent bare = new NetworkEvent(1, java.time.Instant.EPOCH, null, null, null, null, null, null, null, 0, null);
        assertThat(schema("network-event.schema.json").validate(Json.mapper().readTree(Json.write(bare)))).isEmpty();
        AnomalyRecord minimal = new AnomalyRecord(1, "r", 1, "job", null, 0, 900, 0, "rare", null, null, null, null,
                null, 0.5, 0, 0, true, null, null, null, null);
        assertThat(schema("anomaly-record.schema.json").validate(Json.mapper().readTree(Json.write(minimal)))).isEmpty();
    }

    @Test
    void brokenRecordsFail() throws IOException {
        ObjectNode event = (ObjectNode) Json.mapper().readTree(Json.write(Samples.networkEvent()));
        event.remove("@timestamp");
        ((ObjectNode) event.get("destination")).put("port", "3333");
        event.put("surprise", true);
        Set<ValidationMessage> errors = schema("network-event.schema.json").validate(event);
        assertThat(errors).extracting(ValidationMessage::getMessage).hasSize(3)
                .anyMatch(m -> m.contains("@timestamp")).anyMatch(m -> m.contains("port"))
                .anyMatch(m -> m.contains("surprise"));

        ObjectNode record = (ObjectNode) Json.mapper().readTree(Json.write(Samples.anomalyRecord()));
        record.put("record_score", 140.0);
        record.put("timestamp", "yesterday");
        assertThat(schema("anomaly-record.schema.json").validate(record)).hasSize(2);

        ObjectNode snapshot = (ObjectNode) Json.mapper().readTree(Json.write(Samples.modelSnapshot()));
        snapshot.put("kind", "partial");
        assertThat(schema("model-snapshot.schema.json").validate(snapshot)).hasSize(1);

        ObjectNode alert = (ObjectNode) Json.mapper().readTree(Json.write(Samples.alert()));
        alert.remove("rule");
        alert.put("@timestamp", "not a time");
        assertThat(schema("alert.schema.json").validate(alert)).hasSize(2);
    }
}
