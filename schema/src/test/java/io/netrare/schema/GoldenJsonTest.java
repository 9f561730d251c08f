package io.netrare.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files pin the wire format: each reads into the record the samples build, and the record writes
 * back to the same JSON tree. Regenerate after a deliberate format change with
 * {@code -Dgolden.update=true} (writes into src/test/resources/golden) and review the diff.
 */
class GoldenJsonTest {

    static Stream<Arguments> goldens() {
        return Stream.of(
                Arguments.of("network-event.json", NetworkEvent.class, Samples.networkEvent(), "network-event.schema.json"),
                Arguments.of("anomaly-record.json", AnomalyRecord.class, Samples.anomalyRecord(), "anomaly-record.schema.json"),
                Arguments.of("model-snapshot.json", ModelSnapshot.class, Samples.modelSnapshot(), "model-snapshot.schema.json"),
                Arguments.of("alert.json", Alert.class, Samples.alert(), "alert.schema.json"));
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void roundTrips(String file, Class<?> type, Object sample, String schemaFile) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/golden", file),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(sample) + "\n");
        }
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/" + file)) {
            assertThat(in).as(file).isNotNull();
            golden = in.readAllBytes();
        }
        Object read = Json.read(golden, type);
        assertThat(read).isEqualTo(sample);
        JsonNode expected = Json.mapper().readTree(golden);
        JsonNode written = Json.mapper().readTree(Json.write(read));
        assertThat(written).isEqualTo(expected);
        assertThat(JsonSchemaTest.schema(schemaFile).validate(expected)).isEmpty();
    }
}
