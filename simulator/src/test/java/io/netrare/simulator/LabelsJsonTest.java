package io.netrare.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.Json;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LabelsJsonTest {

    @Test
    void labelsFileIsAJsonArrayWithEveryDocumentedField() throws Exception {
        FleetSimulator sim = new FleetSimulator(FleetSpec.demo());
        StringWriter out = new StringWriter();
        sim.writeLabels(out);
        JsonNode array = Json.mapper().readTree(out.toString());
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isEqualTo(sim.labels().size());
        for (JsonNode label : array) {
            for (String field : new String[] {"id", "kind", "label", "host", "role", "process.name", "user",
                    "destination", "first", "last", "events", "visible_to"}) {
                assertThat(label.has(field)).as("%s in %s", field, label).isTrue();
            }
            assertThat(label.size()).as("no undocumented fields in %s", label).isLessThanOrEqualTo(13);
            assertThat(label.path("label").asText()).isIn(Label.ATTACK, Label.BENIGN_PERIODIC, Label.BENIGN_OCCASIONAL);
            assertThat(label.path("visible_to").asText()).isIn("fleet_rare", "per_role", "per_host");
            assertThat(Instant.parse(label.path("first").asText())).isBeforeOrEqualTo(Instant.parse(label.path("last").asText()));
        }
        Label[] back = Json.mapper().readValue(out.toString(), Label[].class);
        assertThat(back).containsExactlyElementsOf(sim.labels());
        assertThat(sim.labels()).extracting(Label::id).doesNotHaveDuplicates();
    }
}
