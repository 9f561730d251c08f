package io.netrare.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    @Test
    void defaultPrefixNamesEveryTopic() {
        Topics t = Topics.withDefaultPrefix();
        assertThat(t.prefix()).isEqualTo("netrare");
        assertThat(t.raw().name()).isEqualTo("netrare.raw");
        assertThat(t.events().name()).isEqualTo("netrare.events");
        assertThat(t.lateEvents().name()).isEqualTo("netrare.events.late");
        assertThat(t.models().name()).isEqualTo("netrare.models");
        assertThat(t.anomalies().name()).isEqualTo("netrare.anomalies");
        assertThat(t.alerts().name()).isEqualTo("netrare.alerts");
        assertThat(t.deadLetters("ingest").name()).isEqualTo("netrare.dlq.ingest");
    }

    @Test
    void onlyTheModelsTopicIsCompacted() {
        Topics t = new Topics("prod-eu");
        assertThat(t.all()).filteredOn(Topics.TopicSpec::compacted).extracting(Topics.TopicSpec::name)
                .containsExactly("prod-eu.models");
        assertThat(t.all()).hasSize(10).allMatch(s -> s.name().startsWith("prod-eu."));
        assertThat(t.all()).extracting(Topics.TopicSpec::name).doesNotHaveDuplicates()
                .contains("prod-eu.dlq.ingest", "prod-eu.dlq.model", "prod-eu.dlq.scoring", "prod-eu.dlq.alerting");
    }

    @Test
    void valueTypesMatchTheRecords() {
        Topics t = Topics.withDefaultPrefix();
        assertThat(t.events().valueType()).isEqualTo(NetworkEvent.class);
        assertThat(t.models().valueType()).isEqualTo(ModelSnapshot.class);
        assertThat(t.anomalies().valueType()).isEqualTo(AnomalyRecord.class);
        assertThat(t.alerts().valueType()).isEqualTo(Alert.class);
        assertThat(t.deadLetters("scoring").valueType()).isEqualTo(byte[].class);
    }

    @Test
    void illegalPrefixesAndServiceNamesAreRejected() {
        assertThatThrownBy(() -> new Topics("bad prefix")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad prefix");
        assertThatThrownBy(() -> new Topics(".leading")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Topics("trailing.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Topics("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.withDefaultPrefix().deadLetters("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Topics("team_a-1.x").events().name()).isEqualTo("team_a-1.x.events");
    }
}
